package ai.millrace.harness.pi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One item read from Pi's stdout: a JSON object line, a line that could not be used, or the end of
 * the stream.
 *
 * @param kind what the item is, never null
 * @param raw the line as received (without its {@code \n}); null for {@link Kind#EOF}
 * @param json the parsed object for {@link Kind#OBJECT}, else null
 * @param problem why the line is unusable for {@link Kind#INVALID}, else null
 */
public record RpcRecord(Kind kind, String raw, ObjectNode json, String problem) {

    /** What a record is. */
    public enum Kind {
        /** A JSON object. */
        OBJECT,
        /** Not JSON, or JSON that is not an object. */
        INVALID,
        /** The stream ended. */
        EOF
    }

    /** The end-of-stream marker. */
    public static final RpcRecord END = new RpcRecord(Kind.EOF, null, null, null);

    /**
     * Returns the object's {@code type} field.
     *
     * @return the type, or null when this is not an object or has no string {@code type}
     */
    public String type() {
        return text(json, "type");
    }

    /**
     * Returns the object's {@code id} field.
     *
     * @return the id, or null when absent or not a string
     */
    public String id() {
        return text(json, "id");
    }

    /**
     * Tells whether this is a command response ({@code type: "response"}).
     *
     * @return true for a response
     */
    public boolean isResponse() {
        return "response".equals(type());
    }

    /**
     * Tells whether this is a response whose {@code success} is {@code true}.
     *
     * @return true for a successful response
     */
    public boolean isSuccess() {
        return isResponse() && json.path("success").asBoolean(false);
    }

    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
