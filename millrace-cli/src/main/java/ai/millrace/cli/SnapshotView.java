package ai.millrace.cli;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.compiler.internal.json.MillraceJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of {@code runtime_snapshot.json} that {@code status} prints, read from the JSON tree
 * rather than bound to {@link ai.millrace.api.state.RuntimeSnapshot}: binding the full contract
 * costs a noticeable part of the command's start-up time, and status only displays values.
 */
record SnapshotView(JsonNode node) {
    static SnapshotView read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            JsonNode node = MillraceJson.readTree(text, file.toString());
            if (node == null || !node.isObject()) {
                throw new MillraceException(ErrorCode.MALFORMED_DOCUMENT, file + ": not a JSON object");
            }
            return new SnapshotView(node);
        } catch (NoSuchFileException e) {
            throw new CliFailure("runtime snapshot is missing: " + file, "`millrace init` recreates it");
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    String text(String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    boolean bool(String field) {
        return node.path(field).asBoolean(false);
    }

    int integer(String field) {
        return node.path(field).asInt(0);
    }

    List<String> strings(String field) {
        List<String> out = new ArrayList<>();
        node.path(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    /** The active runs by plane wire name, as JSON objects. */
    Map<String, JsonNode> activeRuns() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        node.path("active_runs_by_plane").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
