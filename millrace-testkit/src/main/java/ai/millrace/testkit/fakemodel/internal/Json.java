package ai.millrace.testkit.fakemodel.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The one JSON mapper of the fake model server, with small helpers. Thread-safe.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /**
     * Returns a new empty object node.
     *
     * @return the node
     */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Returns a new empty array node.
     *
     * @return the node
     */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /**
     * Writes a node as compact JSON on one line.
     *
     * @param node the node, never null
     * @return the JSON text
     */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a text as JSON.
     *
     * @param text the text, never null
     * @return the tree, or null when the text is blank or not JSON
     */
    public static JsonNode parseOrNull(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
