package ai.millrace.api.internal.harness;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Writes run artifacts the way the original's pydantic {@code model_dump_json(indent=2)} does:
 * keys in insertion order, two-space indent, {@code "key": value}, one element per line in
 * non-empty arrays, {@code []} and {@code {}} for empty ones, non-ASCII left as is, lower-case
 * four-hex-digit escapes (backslash, u, 00xx) for control characters, and one newline after the closing brace.
 *
 * <p>Values may be {@code null}, {@link String}, {@link Number}, {@link Boolean}, {@link Instant}
 * (written with {@link #timestamp(Instant)}), {@link List} and {@link Map} with string keys.
 */
public final class ArtifactJson {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private ArtifactJson() {
    }

    /**
     * Renders an object.
     *
     * @param object the fields in order
     * @return the JSON text with a trailing newline
     */
    public static String write(Map<String, ?> object) {
        StringBuilder out = new StringBuilder();
        value(out, object, 0);
        return out.append('\n').toString();
    }

    /**
     * Formats a timestamp as pydantic does: UTC, {@code Z}, six fractional digits, or none when the
     * microseconds are zero. Sub-microsecond digits are dropped.
     *
     * @param instant the time
     * @return such as {@code 2026-04-15T12:00:00.123456Z} or {@code 2026-04-15T12:00:00Z}
     */
    public static String timestamp(Instant instant) {
        Instant t = instant.truncatedTo(ChronoUnit.MICROS);
        int micros = t.getNano() / 1000;
        String base = SECONDS.format(t);
        return micros == 0 ? base + "Z" : base + String.format(".%06dZ", micros);
    }

    private static void value(StringBuilder out, Object v, int depth) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String) {
            string(out, (String) v);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short) {
            out.append(v);
        } else if (v instanceof Number) {
            out.append(v);
        } else if (v instanceof Instant) {
            string(out, timestamp((Instant) v));
        } else if (v instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) v;
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "\n" : ",\n");
                first = false;
                indent(out, depth + 1);
                string(out, String.valueOf(e.getKey()));
                out.append(": ");
                value(out, e.getValue(), depth + 1);
            }
            out.append('\n');
            indent(out, depth);
            out.append('}');
        } else if (v instanceof List) {
            List<?> list = (List<?>) v;
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                out.append(first ? "\n" : ",\n");
                first = false;
                indent(out, depth + 1);
                value(out, item, depth + 1);
            }
            out.append('\n');
            indent(out, depth);
            out.append(']');
        } else {
            string(out, v.toString());
        }
    }

    private static void indent(StringBuilder out, int depth) {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
