package ai.millrace.core.internal.intake;

import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.SpecSourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure part of idea normalisation: the spec id of an idea file, its title and summary, and
 * the root spec it becomes (spec 01 section 2.4).
 */
public final class IdeaNormalizer {
    /** The {@code created_by} of idea-derived specs. */
    public static final String CREATED_BY = "watcher";

    private IdeaNormalizer() {
    }

    /**
     * Returns the spec id of an idea file: the stem with every run of characters outside
     * {@code [A-Za-z0-9._-]} replaced by {@code -}, trimmed of {@code -} and {@code .} at both
     * ends ({@code idea} when empty), prefixed with {@code idea-} unless it already starts so.
     *
     * @param fileName the idea file name (e.g. {@code My idea!.md})
     * @return the spec id
     */
    public static String specId(String fileName) {
        String stem = stem(fileName);
        String s = stem.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        if (s.isEmpty()) {
            s = "idea";
        }
        return s.startsWith("idea-") ? s : "idea-" + s;
    }

    /**
     * Returns the stem of a file name (the name without its last extension).
     *
     * @param fileName the file name
     * @return the stem
     */
    public static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /**
     * Returns the title: the first {@code #} line with text after its hashes, else the first
     * non-blank line, else the stem.
     *
     * @param text the idea markdown
     * @param stem the file stem
     * @return the title
     */
    public static String title(String text, String stem) {
        List<String> lines = lines(text);
        for (String line : lines) {
            if (line.startsWith("#") && !unhash(line).isEmpty()) {
                return unhash(line);
            }
        }
        return lines.isEmpty() ? stem : lines.get(0);
    }

    /**
     * Returns the summary: the first line whose hash-stripped text is non-empty and differs from
     * the title, else {@code Idea captured from <stem>}.
     *
     * @param text the idea markdown
     * @param title the title
     * @param stem the file stem
     * @return the summary
     */
    public static String summary(String text, String title, String stem) {
        for (String line : lines(text)) {
            String t = unhash(line);
            if (!t.isEmpty() && !t.equals(title)) {
                return t;
            }
        }
        return "Idea captured from " + stem;
    }

    /**
     * Builds the root spec of an idea.
     *
     * @param fileName the idea file name
     * @param text the idea markdown
     * @param relativePath the idea's workspace-relative path (forward slashes)
     * @param now the creation time
     * @return the spec
     */
    public static SpecDocument spec(String fileName, String text, String relativePath, Instant now) {
        String id = specId(fileName);
        String stem = stem(fileName);
        String title = title(text, stem);
        String summary = summary(text, title, stem);
        return SpecDocument.builder()
                .specId(id)
                .title(title)
                .summary(summary)
                .sourceType(SpecSourceType.IDEA)
                .sourceId(id)
                .rootIdeaId(id)
                .rootSpecId(id)
                .createdAt(now)
                .createdBy(CREATED_BY)
                .goals(List.of(summary))
                .constraints(List.of("generated from ideas/inbox watcher event"))
                .acceptance(List.of("planner processes this idea-derived spec"))
                .references(List.of(relativePath))
                .build();
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String s = line.strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String unhash(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == '#') {
            i++;
        }
        return line.substring(i).strip();
    }
}
