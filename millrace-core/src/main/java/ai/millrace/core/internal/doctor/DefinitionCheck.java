package ai.millrace.core.internal.doctor;

import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.asset.GraphLoopDefinition;
import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.compiler.internal.json.MillraceJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The mode and loop definition checks: every workspace mode, graph loop and legacy loop file
 * reads, and every mode names loops that exist. Read-only.
 */
public final class DefinitionCheck {
    private static final String FIX = "fix the JSON (see the message), or restore the packaged file with "
            + "`millrace upgrade --apply`";

    private DefinitionCheck() {
    }

    /**
     * Runs the checks.
     *
     * @param f the collector
     * @param packagedLoopIds loop ids the packaged assets define (a mode may name them even when the
     *     workspace file is gone, the compiler falls back to the built-ins)
     */
    public static void run(Findings f, Set<String> packagedLoopIds) {
        Path r = f.paths().runtimeRoot();
        Set<String> loopIds = new HashSet<>(packagedLoopIds);
        for (Path file : jsonFiles(r.resolve("graphs"))) {
            tree(f, "loop_definition_invalid", file).ifPresent(t -> {
                try {
                    loopIds.add(MillraceJson.read(t, GraphLoopDefinition.class, file.toString()).loopId());
                } catch (MillraceException | IllegalArgumentException e) {
                    f.error("loop_definition_invalid", file, "graph loop does not read: " + e.getMessage(), FIX);
                }
            });
        }
        for (Path file : jsonFiles(r.resolve("loops"))) {
            tree(f, "loop_definition_invalid", file).ifPresent(t -> {
                if (!t.path("loop_id").isTextual() || !t.path("stages").isArray()) {
                    f.error("loop_definition_invalid", file, "legacy loop config needs a string loop_id and a stages"
                            + " list", FIX);
                }
            });
        }
        Map<Path, ModeDefinition> modes = new TreeMap<>();
        for (Path file : jsonFiles(r.resolve("modes"))) {
            tree(f, "mode_definition_invalid", file).ifPresent(t -> {
                try {
                    modes.put(file, MillraceJson.read(foldLegacy(t), ModeDefinition.class, file.toString()));
                } catch (MillraceException | IllegalArgumentException e) {
                    f.error("mode_definition_invalid", file, "mode does not read: " + e.getMessage(), FIX);
                }
            });
        }
        modes.forEach((file, mode) -> {
            for (Map.Entry<Plane, String> e : mode.loopIdsByPlane().entrySet()) {
                if (!loopIds.contains(e.getValue())) {
                    f.error("mode_bundle_invalid", file, "mode " + mode.modeId() + " names " + e.getKey()
                            + " loop " + e.getValue() + ", which no graph loop defines", FIX);
                }
            }
        });
    }

    private static ObjectNode foldLegacy(ObjectNode tree) {
        ObjectNode copy = tree.deepCopy();
        for (String plane : List.of("execution", "planning")) {
            JsonNode legacy = copy.remove(plane + "_loop_id");
            if (legacy != null && legacy.isTextual()) {
                JsonNode map = copy.get("loop_ids_by_plane");
                ObjectNode loops = map instanceof ObjectNode ? (ObjectNode) map : copy.putObject("loop_ids_by_plane");
                loops.set(plane, legacy);
            }
        }
        return copy;
    }

    private static java.util.Optional<ObjectNode> tree(Findings f, String code, Path file) {
        try {
            JsonNode node = MillraceJson.readTree(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            if (node instanceof ObjectNode o) {
                return java.util.Optional.of(o);
            }
            f.error(code, file, "the top level must be a JSON object", FIX);
        } catch (MillraceException | IOException e) {
            f.error(code, file, "invalid JSON: " + e.getMessage(), FIX);
        }
        return java.util.Optional.empty();
    }

    private static List<Path> jsonFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
