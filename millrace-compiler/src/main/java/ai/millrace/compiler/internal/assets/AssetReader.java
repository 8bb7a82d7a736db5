package ai.millrace.compiler.internal.assets;

import ai.millrace.api.MillraceException;
import ai.millrace.api.asset.GraphLoopDefinition;
import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.compiler.CompileErrorCode;
import ai.millrace.compiler.CompileException;
import ai.millrace.compiler.internal.json.MillraceJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Reads asset JSON into definitions, turning every problem into a {@link CompileException} that
 * names the file. Stateless.
 */
public final class AssetReader {
    private AssetReader() {
    }

    /**
     * Parses bytes into a JSON object tree.
     *
     * @param family the family, for messages
     * @param source the file or resource name, for messages
     * @param bytes the content
     * @return the object tree
     * @throws CompileException {@link CompileErrorCode#INVALID_ASSET} when not a JSON object
     */
    public static ObjectNode tree(AssetFamily family, String source, byte[] bytes) {
        JsonNode node;
        try {
            node = MillraceJson.readTree(new String(bytes, StandardCharsets.UTF_8), source);
        } catch (MillraceException e) {
            throw new CompileException(CompileErrorCode.INVALID_ASSET,
                    "Invalid JSON in " + family.label() + " asset: " + source + " (" + e.detail() + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new CompileException(CompileErrorCode.INVALID_ASSET,
                    "Invalid JSON in " + family.label() + " asset: " + source + " (the top level must be a JSON object)");
        }
        return (ObjectNode) node;
    }

    /**
     * Reads a definition from an object tree.
     *
     * @param family the family
     * @param source the file or resource name, for messages
     * @param tree the tree; not modified
     * @return a {@link ModeDefinition}, {@link GraphLoopDefinition} or {@link StageKindDefinition}
     * @throws CompileException {@link CompileErrorCode#INVALID_ASSET} naming the file and key
     */
    public static Object definition(AssetFamily family, String source, ObjectNode tree) {
        try {
            switch (family) {
                case MODE:
                    return MillraceJson.read(foldLegacyModeKeys(tree.deepCopy()), ModeDefinition.class, source);
                case GRAPH_LOOP:
                    return MillraceJson.read(tree, GraphLoopDefinition.class, source);
                default:
                    return MillraceJson.read(tree, StageKindDefinition.class, source);
            }
        } catch (MillraceException e) {
            throw new CompileException(CompileErrorCode.INVALID_ASSET,
                    "Invalid " + family.label() + " definition in asset: " + e.detail(), e);
        }
    }

    // The original accepts execution_loop_id / planning_loop_id and a bare string for
    // on_terminal_results; fold them into the shapes our records have.
    private static ObjectNode foldLegacyModeKeys(ObjectNode tree) {
        for (String plane : new String[] {"execution", "planning"}) {
            JsonNode legacy = tree.remove(plane + "_loop_id");
            if (legacy != null && !legacy.isNull()) {
                JsonNode map = tree.get("loop_ids_by_plane");
                ObjectNode loops = map instanceof ObjectNode ? (ObjectNode) map : tree.putObject("loop_ids_by_plane");
                loops.set(plane, legacy);
            }
        }
        JsonNode rules = tree.get("learning_trigger_rules");
        if (rules instanceof ArrayNode) {
            for (JsonNode rule : rules) {
                JsonNode results = rule.get("on_terminal_results");
                if (rule instanceof ObjectNode && results != null && results.isTextual()) {
                    ((ObjectNode) rule).putArray("on_terminal_results").add(results.textValue());
                }
            }
        }
        return tree;
    }
}
