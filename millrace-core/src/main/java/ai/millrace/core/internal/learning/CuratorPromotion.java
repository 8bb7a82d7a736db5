package ai.millrace.core.internal.learning;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.compiler.internal.json.Timestamps;
import ai.millrace.core.internal.journal.DeleteWorkspaceFile;
import ai.millrace.core.internal.journal.TransitionStep;
import ai.millrace.core.internal.journal.WriteWorkspaceFile;
import ai.millrace.core.workspace.WorkspacePaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The curator promotion boundary (spec 02 section 3.12): a curator {@code CURATOR_COMPLETE} whose
 * artifacts include skill updates is recorded under {@code R/learning/update-candidates/}, as
 * {@code deferred} while planning or execution is active and {@code applied} otherwise; deferred
 * records become applied at the next safe boundary. Only records are written; skill files are
 * never touched.
 */
public final class CuratorPromotion {
    /** The kind of a promotion record. */
    public static final String KIND = "learning_curator_promotion";

    private final WorkspacePaths paths;

    /**
     * The steps and events of one boundary.
     *
     * @param steps journal steps to add to the transition
     * @param events events to emit after it commits
     */
    public record Effects(List<TransitionStep> steps, List<RuntimeEvent> events) {
        /** Nothing to do. */
        public static final Effects NONE = new Effects(List.of(), List.of());

        /**
         * Copies the lists.
         *
         * @param steps the steps
         * @param events the events
         */
        public Effects {
            steps = List.copyOf(steps);
            events = List.copyOf(events);
        }
    }

    /**
     * Creates the boundary for a workspace.
     *
     * @param paths the workspace paths
     */
    public CuratorPromotion(WorkspacePaths paths) {
        this.paths = paths;
    }

    /**
     * Records a curator result's skill updates, if it has any.
     *
     * @param result the stage result
     * @param foregroundActivePlanes planning/execution planes with an active run (after this result)
     * @param now the time
     * @return the record step and its event, or {@link Effects#NONE}
     */
    public Effects onResult(StageResultEnvelope result, List<Plane> foregroundActivePlanes, Instant now) {
        if (result.plane() != Plane.LEARNING || !result.stageKindId().equals("curator")
                || !result.terminalResult().equals(TerminalResult.of("CURATOR_COMPLETE"))) {
            return Effects.NONE;
        }
        List<String> updates = new ArrayList<>();
        for (String p : result.artifactPaths()) {
            String name = Path.of(p).getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.contains("skill_update") || name.contains("skill-update")) {
                updates.add(p);
            }
        }
        if (updates.isEmpty()) {
            return Effects.NONE;
        }
        boolean deferred = !foregroundActivePlanes.isEmpty();
        String state = deferred ? "deferred" : "applied";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", "1.0");
        m.put("kind", KIND);
        m.put("state", state);
        m.put("run_id", result.runId());
        m.put("work_item_id", result.workItemId());
        m.put("artifact_paths", updates);
        m.put("foreground_active_planes", foregroundActivePlanes.stream().map(Plane::wireName).toList());
        m.put("recorded_at", Timestamps.format(now));
        Path file = dir(state).resolve(result.runId() + "-" + result.workItemId() + ".json");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_id", result.runId());
        data.put("work_item_id", result.workItemId());
        data.put("record_path", relative(file));
        data.put("source", "curator_result");
        return new Effects(List.of(WriteWorkspaceFile.of(paths, file, MillraceJson.write(m))),
                List.of(new RuntimeEvent(deferred ? "learning_curator_promotion_deferred"
                        : "learning_curator_promotion_applied", now, data)));
    }

    /**
     * Moves every deferred record to {@code applied/} (adding {@code applied_at}) when no
     * foreground plane is active; call it after every stage completion. Cheap when nothing is
     * deferred (one directory listing).
     *
     * @param foregroundActivePlanes planning/execution planes with an active run
     * @param now the time
     * @return the steps and {@code learning_curator_promotion_applied} events, or none
     */
    public Effects applyDeferred(List<Plane> foregroundActivePlanes, Instant now) {
        Path dir = dir("deferred");
        if (!foregroundActivePlanes.isEmpty() || !Files.isDirectory(dir)) {
            return Effects.NONE;
        }
        List<Path> records;
        try (Stream<Path> list = Files.list(dir)) {
            records = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !AtomicFiles.isTempFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<TransitionStep> steps = new ArrayList<>();
        List<RuntimeEvent> events = new ArrayList<>();
        for (Path p : records) {
            ObjectNode node;
            try {
                JsonNode tree = MillraceJson.readTree(Files.readString(p, StandardCharsets.UTF_8), p.toString());
                node = (ObjectNode) tree;
            } catch (IOException | RuntimeException e) {
                continue; // An unreadable record stays deferred for an operator to inspect.
            }
            node.put("state", "applied");
            node.put("applied_at", Timestamps.format(now));
            Path target = dir("applied").resolve(p.getFileName().toString());
            steps.add(WriteWorkspaceFile.of(paths, target, MillraceJson.write(node)));
            steps.add(DeleteWorkspaceFile.of(paths, p));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("run_id", node.path("run_id").asText(null));
            data.put("work_item_id", node.path("work_item_id").asText(null));
            data.put("record_path", relative(target));
            data.put("source", "deferred_safe_boundary");
            events.add(new RuntimeEvent("learning_curator_promotion_applied", now, data));
        }
        return new Effects(steps, events);
    }

    private Path dir(String state) {
        return paths.learningDir().resolve("update-candidates").resolve(state);
    }

    private String relative(Path file) {
        return paths.workspaceRoot().relativize(file).toString().replace('\\', '/');
    }
}
