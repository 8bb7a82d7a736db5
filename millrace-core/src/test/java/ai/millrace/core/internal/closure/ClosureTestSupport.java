package ai.millrace.core.internal.closure;

import ai.millrace.api.Plane;
import ai.millrace.api.ResultClass;
import ai.millrace.api.StageId;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.journal.Transition;
import ai.millrace.core.internal.journal.TransitionStep;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Shared helpers for closure, learning and intake tests: real workspaces, documents, results. */
public final class ClosureTestSupport {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private ClosureTestSupport() {
    }

    /** Initializes a real workspace and opens its stores. */
    public static Fixtures.Env workspace(Path root, Clock clock) {
        WorkspaceInitializer.builder().clock(clock).durableWrites(false).build().init(root);
        return Fixtures.Env.open(WorkspacePaths.of(root), AtomicFiles.NO_FSYNC, clock);
    }

    public static CompiledRunPlan plan(String name) {
        String resource = "plans/compiled_plan." + name + ".json";
        try (InputStream in = ClosureTestSupport.class.getClassLoader().getResourceAsStream(resource)) {
            return MillraceJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), CompiledRunPlan.class,
                    resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits steps in one transition. */
    public static void commit(Fixtures.Env env, List<? extends TransitionStep> steps) {
        Transition.Builder b = Transition.named("test");
        steps.forEach(b::step);
        env.runner().run(b.build());
    }

    public static void put(Fixtures.Env env, WorkItemKind kind, QueueState state, String id, String markdown) {
        Fixtures.write(env.paths().documentFile(kind, state, id), markdown);
        env.queues().rescan();
    }

    public static String rootSpec(String id, String ideaId, String createdAt, String... refs) {
        StringBuilder sb = new StringBuilder("# Root " + id + "\n\nSpec-ID: " + id + "\nSummary: root\nSource-Type: idea\n"
                + "Source-ID: " + ideaId + "\nRoot-Idea-ID: " + ideaId + "\nRoot-Spec-ID: " + id + "\nCreated-At: "
                + createdAt + "\nCreated-By: t\n\nGoals:\n- g\n\nConstraints:\n- c\n\nAcceptance:\n- a\n\nReferences:\n");
        for (String r : refs.length == 0 ? new String[] {"none"} : refs) {
            sb.append("- ").append(r).append('\n');
        }
        return sb.toString();
    }

    public static String task(String id, String rootSpecId, String rootIdeaId, String specId) {
        StringBuilder sb = new StringBuilder("# Task " + id + "\n\nTask-ID: " + id + "\n");
        if (rootIdeaId != null) {
            sb.append("Root-Idea-ID: ").append(rootIdeaId).append('\n');
        }
        if (rootSpecId != null) {
            sb.append("Root-Spec-ID: ").append(rootSpecId).append('\n');
        }
        if (specId != null) {
            sb.append("Spec-ID: ").append(specId).append('\n');
        }
        sb.append("Created-At: 2026-01-01T00:00:00Z\nCreated-By: t\n");
        for (String section : List.of("Target-Paths", "Acceptance", "Required-Checks", "References", "Risk")) {
            sb.append('\n').append(section).append(":\n- a\n");
        }
        return sb.toString();
    }

    /** A stage result envelope with the metadata the runtime's normalizer writes. */
    public static StageResultEnvelope result(Plane plane, String stage, String terminal, WorkItemKind kind,
            String workItemId, String runId, String reportArtifact, Map<String, Object> metadata) {
        TerminalResult t = TerminalResult.of(terminal);
        ResultClass rc = terminal.endsWith("_COMPLETE") || terminal.endsWith("_PASS") ? ResultClass.SUCCESS
                : terminal.equals("BLOCKED") ? ResultClass.BLOCKED
                : terminal.equals("NEEDS_PLANNING") ? ResultClass.ESCALATE_PLANNING : ResultClass.FOLLOWUP_NEEDED;
        return StageResultEnvelope.builder()
                .runId(runId).plane(plane).stage(StageId.of(stage)).nodeId(stage).stageKindId(stage)
                .workItemKind(kind).workItemId(workItemId).terminalResult(t).resultClass(rc)
                .summaryStatusMarker(t.marker()).success(rc == ResultClass.SUCCESS).exitCode(0)
                .reportArtifact(reportArtifact).notes(List.of("note one")).metadata(metadata)
                .startedAt(T0).completedAt(T0).build();
    }
}
