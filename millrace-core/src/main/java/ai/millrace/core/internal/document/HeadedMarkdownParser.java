package ai.millrace.core.internal.document;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the label/value structure of a headed markdown work document (spec 01 section 2.2).
 *
 * <p>This step knows labels but not document kinds: it finds the H1, the known labels of any kind
 * with their scalar or list values and line numbers, skips unknown labels with the lines after
 * them, and ignores other text. Kind checks and typed validation happen afterwards. Stateless.
 */
public final class HeadedMarkdownParser {
    private static final Pattern H1 = Pattern.compile("^#\\s+(.+?)\\s*$");
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9-]*):(?:\\s*(.*))?$");
    private static final Pattern ITEM = Pattern.compile("^-\\s+(.+?)\\s*$");
    private static final Set<String> PLACEHOLDER_LABELS = Set.of("Depends-On", "Blocks");
    private static final Set<String> PLACEHOLDERS = Set.of("none", "n/a", "-");

    private HeadedMarkdownParser() {
    }

    /**
     * Parses the structure of a document.
     *
     * @param text the markdown
     * @param name the file name used in messages
     * @return the title and fields
     * @throws MillraceException with {@link ErrorCode#MALFORMED_DOCUMENT} naming the document,
     *     the line and the fix
     */
    public static ParsedMarkdown parse(String text, String name) {
        List<String> lines = TextLines.split(text);
        if (lines.isEmpty()) {
            throw error(name, "is empty", 0, "write a `# Title` line followed by `Label: value` fields");
        }
        String first = lines.get(0).strip();
        Matcher h1 = H1.matcher(first);
        if (!h1.matches()) {
            throw error(name, "must start with a markdown H1 title", 1, firstLineHint(lines.get(0)));
        }
        Map<String, ParsedField> fields = new LinkedHashMap<>();
        int i = 1;
        while (i < lines.size()) {
            Matcher field = FIELD.matcher(lines.get(i).strip());
            if (!field.matches()) {
                i++;
                continue;
            }
            String labelText = field.group(1);
            String value = field.group(2) == null ? "" : field.group(2).strip();
            DocumentLabel label = DocumentLabels.find(labelText);
            if (label == null) {
                // An unknown label owns the lines after it up to the next field line.
                i++;
                while (i < lines.size() && !FIELD.matcher(lines.get(i).strip()).matches()) {
                    i++;
                }
                continue;
            }
            int line = i + 1;
            ParsedField previous = fields.get(labelText);
            if (previous != null) {
                throw error(name, "repeats field `" + labelText + "`", line,
                        "it was first given on line " + previous.line() + "; keep only one `" + labelText + ":`");
            }
            if (!value.isEmpty()) {
                fields.put(labelText, label.list()
                        ? new ParsedField(label, null, dropPlaceholders(labelText, List.of(value)), line)
                        : new ParsedField(label, value, null, line));
                i++;
                continue;
            }
            if (!label.list()) {
                int next = skipBlank(lines, i + 1);
                if (next < lines.size() && ITEM.matcher(lines.get(next).strip()).matches()) {
                    throw error(name, "has list item under scalar field `" + labelText + "`", next + 1,
                            "write the value on the label line, as `" + labelText + ": value`");
                }
                i++;
                continue;
            }
            List<String> items = new ArrayList<>();
            int j = skipBlank(lines, i + 1);
            while (j < lines.size()) {
                String current = lines.get(j).strip();
                if (current.isEmpty()) {
                    break;
                }
                Matcher item = ITEM.matcher(current);
                if (item.matches()) {
                    items.add(item.group(1));
                    j++;
                    continue;
                }
                if (FIELD.matcher(current).matches()) {
                    break;
                }
                throw error(name, "has invalid list item under `" + labelText + "`", j + 1,
                        "list items must be `- item` lines; end the list with a blank line before other text");
            }
            fields.put(labelText, new ParsedField(label, null, dropPlaceholders(labelText, items), line));
            i = j;
        }
        return new ParsedMarkdown(h1.group(1), fields);
    }

    private static int skipBlank(List<String> lines, int from) {
        int j = from;
        while (j < lines.size() && lines.get(j).strip().isEmpty()) {
            j++;
        }
        return j;
    }

    private static List<String> dropPlaceholders(String label, List<String> items) {
        if (!PLACEHOLDER_LABELS.contains(label)) {
            return List.copyOf(items);
        }
        List<String> kept = new ArrayList<>();
        for (String item : items) {
            if (!PLACEHOLDERS.contains(item.strip().toLowerCase(Locale.ROOT))) {
                kept.add(item);
            }
        }
        return List.copyOf(kept);
    }

    private static String firstLineHint(String line) {
        if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
            return "the file starts with a byte-order mark; save it as UTF-8 without BOM";
        }
        if (line.strip().isEmpty()) {
            return "remove the blank lines before the `# Title` line";
        }
        if (line.strip().startsWith("---")) {
            return "front matter is not supported; the first line must be `# Title`";
        }
        return "the first line must be `# Title` (one `#`, a space, the title)";
    }

    /**
     * Builds a malformed-document error in the house format.
     *
     * @param name the document name
     * @param problem what is wrong, worded as the original words it
     * @param line the 1-based line, or 0 when no line applies
     * @param fix what to do
     * @return the exception
     */
    public static MillraceException error(String name, String problem, int line, String fix) {
        return new MillraceException(ErrorCode.MALFORMED_DOCUMENT,
                "work document " + name + " " + problem + (line > 0 ? " (line " + line + ")" : "") + "; " + fix);
    }
}
