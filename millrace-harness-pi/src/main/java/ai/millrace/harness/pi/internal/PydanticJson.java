package ai.millrace.harness.pi.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Renders ordered maps the way the original's {@code model_dump_json(indent=2)} does: two-space
 * indent, {@code "key": value}, empty containers as {@code []} and {@code {}}, non-ASCII characters
 * left as they are, and one trailing newline.
 *
 * <p>Values may be null, {@link String}, {@link Boolean}, {@link Number}, {@link Instant} (written
 * as {@link #timestamp(Instant)}), {@link List} or {@link Map} with string keys (iteration order is
 * kept, so pass a {@link java.util.LinkedHashMap}). Stateless and thread-safe.
 */
public final class PydanticJson {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private PydanticJson() {
    }

    /**
     * Renders one document.
     *
     * @param document the top-level object, never null
     * @return the JSON text ending in {@code \n}
     * @throws IllegalArgumentException for a value of an unsupported type
     */
    public static String render(Map<String, ?> document) {
        StringBuilder out = new StringBuilder();
        value(out, document, 0);
        return out.append('\n').toString();
    }

    /**
     * Formats a timestamp as ISO-8601 UTC with a {@code Z} suffix and six fractional digits, or no
     * fraction at all when the microseconds are zero ({@code 2026-04-15T12:00:00Z}).
     *
     * @param instant the time, never null; truncated to microseconds
     * @return the text
     */
    public static String timestamp(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        String base = SECONDS.format(micros);
        int fraction = micros.getNano() / 1000;
        return fraction == 0 ? base + "Z" : base + String.format(".%06dZ", fraction);
    }

    private static void value(StringBuilder out, Object v, int depth) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String) {
            string(out, (String) v);
        } else if (v instanceof Boolean || v instanceof Number) {
            out.append(v);
        } else if (v instanceof Instant) {
            string(out, timestamp((Instant) v));
        } else if (v instanceof Map) {
            object(out, (Map<?, ?>) v, depth);
        } else if (v instanceof List) {
            array(out, (List<?>) v, depth);
        } else {
            throw new IllegalArgumentException("unsupported JSON value " + v.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, int depth) {
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
    }

    private static void array(StringBuilder out, List<?> list, int depth) {
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
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
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
