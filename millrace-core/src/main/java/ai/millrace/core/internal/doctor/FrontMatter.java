package ai.millrace.core.internal.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The front-matter subset of markdown assets (spec 01 section 5.5). Stateless.
 */
final class FrontMatter {
    private static final Pattern INT = Pattern.compile("-?\\d+");

    private FrontMatter() {
    }

    /** A parsed asset: its manifest and body. */
    record Parsed(Map<String, Object> manifest, String body, boolean explicit) {
    }

    /** A parse failure with the original's message. */
    static final class ParseError extends Exception {
        private static final long serialVersionUID = 1L;

        ParseError(String message) {
            super(message);
        }
    }

    /**
     * Parses an asset.
     *
     * @param text the file content
     * @param inferred the manifest inferred from the path when there is no front matter, or null
     * @return the parsed asset
     * @throws ParseError when the front matter is missing or malformed
     */
    static Parsed parse(String text, Map<String, Object> inferred) throws ParseError {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            if (inferred == null) {
                throw new ParseError("asset file is missing YAML frontmatter start marker");
            }
            return new Parsed(new LinkedHashMap<>(inferred), text.strip(), false);
        }
        int end = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new ParseError("asset file is missing YAML frontmatter end marker");
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        List<Object> openList = null;
        for (String raw : lines.subList(1, end)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (raw.startsWith("- ") || raw.startsWith("  - ")) {
                if (openList == null) {
                    throw new ParseError("list item without key");
                }
                openList.add(scalar(line.substring(2).strip()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new ParseError("missing `:` separator");
            }
            String key = line.substring(0, colon).strip();
            if (key.isEmpty()) {
                throw new ParseError("empty key");
            }
            String value = line.substring(colon + 1).strip();
            if (value.isEmpty()) {
                openList = new ArrayList<>();
                manifest.put(key, openList);
            } else {
                openList = null;
                manifest.put(key, scalar(value));
            }
        }
        String body = String.join("\n", lines.subList(end + 1, lines.size())).strip();
        return new Parsed(manifest, body, true);
    }

    private static Object scalar(String v) {
        if (v.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (v.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        if (v.startsWith("[") && v.endsWith("]")) {
            List<Object> out = new ArrayList<>();
            String inner = v.substring(1, v.length() - 1).strip();
            if (!inner.isEmpty()) {
                for (String part : inner.split(",")) {
                    out.add(scalar(part.strip()));
                }
            }
            return out;
        }
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        if (INT.matcher(v).matches()) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                return v;
            }
        }
        return v;
    }
}
