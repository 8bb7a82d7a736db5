package ai.millrace.core.internal.closure;

import ai.millrace.core.internal.testing.MutableClock;
import static ai.millrace.core.internal.closure.ClosureTestSupport.commit;
import static ai.millrace.core.internal.closure.ClosureTestSupport.put;
import static ai.millrace.core.internal.closure.ClosureTestSupport.rootSpec;
import static ai.millrace.core.internal.closure.ClosureTestSupport.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.QueueState;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageDriftRepairTest {
    @TempDir
    Path root;
    MutableClock clock = new MutableClock(ClosureTestSupport.T0);
    Fixtures.Env env;
    ClosureCoordinator coordinator;
    CompiledRunPlan plan = ClosureTestSupport.plan("default_codex");
    RuntimeSnapshot idle = Fixtures.snapshot();

    @BeforeEach
    void setUp() {
        env = ClosureTestSupport.workspace(root, clock);
        coordinator = new ClosureCoordinator(env.queues(), clock, IdGenerator.sequential());
        Fixtures.write(env.paths().ideasInboxDir().resolve("idea-alpha.md"), "# Alpha\n");
        put(env, WorkItemKind.SPEC, QueueState.QUEUED, "idea-alpha",
                rootSpec("idea-alpha", "idea-alpha", "2026-01-01T00:00:00Z", "ideas/inbox/idea-alpha.md"));
        SpecDocument spec = (SpecDocument) env.queues().read(WorkItemKind.SPEC, QueueState.QUEUED, "idea-alpha")
                .orElseThrow();
        commit(env, coordinator.onSpecClaim(spec).steps());
        env.queues().move(WorkItemKind.SPEC, "idea-alpha", QueueState.QUEUED, QueueState.DONE, null);
        // Drifted: same root idea, another root spec (the manager wrote the alias).
        put(env, WorkItemKind.TASK, QueueState.QUEUED, "t-drift", task("t-drift", "idea-idea-alpha", "idea-alpha",
                "idea-idea-alpha"));
        // Drifted by alias only, no root idea.
        put(env, WorkItemKind.TASK, QueueState.BLOCKED, "t-alias", task("t-alias", null, null, "idea-idea-alpha"));
        // Unrelated: not a finding.
        put(env, WorkItemKind.TASK, QueueState.QUEUED, "t-other", task("t-other", "idea-beta", "idea-beta", null));
    }

    @Test
    void driftIsDetectedWithADiagnosticAndBlocksCompletion() {
        CompletionDecision d = coordinator.completionCandidate(plan, idle);

        assertEquals("lineage_drift", d.reason());
        assertEquals("closure_lineage_drift", d.completionBlockedFailureClass());
        assertEquals("closure_lineage_drift_detected", d.events().get(0).eventType());
        assertEquals(2, d.events().get(0).data().get("finding_count"));
        commit(env, d.steps());
        ClosureTargetState t = env.state().loadClosureTarget("idea-alpha").orElseThrow();
        assertTrue(t.closureBlockedByLineageWork());
        assertEquals(List.of("t-alias", "t-drift"), t.blockingWorkIds());
        JsonNode diag = MillraceJson.readTree(Fixtures.read(LineageDrift.diagnosticFile(env.paths(), "idea-alpha")), "d");
        assertEquals("closure_lineage_drift_diagnostic", diag.get("kind").asText());
        assertEquals(2, diag.get("findings").size());
        JsonNode alias = diag.get("findings").get(0);
        assertEquals("millrace-agents/tasks/blocked/t-alias.md", alias.get("path").asText());
        assertEquals("blocked", alias.get("state").asText());
        assertEquals("known_root_spec_alias", alias.get("diagnostic_reason").asText());
        JsonNode same = diag.get("findings").get(1);
        assertEquals("same_root_idea_different_root_spec", same.get("diagnostic_reason").asText());
        assertEquals("idea-idea-alpha", same.get("actual_root_spec_id").asText());
        assertEquals("millrace queue repair-lineage --workspace " + root.toAbsolutePath().normalize()
                + " --root-spec-id idea-alpha --apply", diag.get("recommended_command").asText());
        assertTrue(coordinator.status().recommendedAction().startsWith("millrace queue repair-lineage"));

        CompletionDecision again = coordinator.completionCandidate(plan, idle);
        assertEquals("lineage_drift", again.reason());
        assertTrue(again.steps().isEmpty() && again.events().isEmpty(), "detection is idempotent");
    }

    @Test
    void lineageRepairPreviewsThenReRootsTheDriftedDocuments() {
        commit(env, coordinator.completionCandidate(plan, idle).steps());
        LineageRepair repair = new LineageRepair(env.queues(), AtomicFiles.NO_FSYNC, clock, IdGenerator.sequential());

        LineageRepair.Report preview = repair.preview("idea-alpha");
        assertFalse(preview.applied());
        assertEquals(2, preview.repairs().size());
        assertEquals("millrace-agents/arbiter/diagnostics/lineage-repairs/20260101T000000Z-00000001.json",
                root.relativize(preview.reportFile()).toString());
        JsonNode report = MillraceJson.readTree(Fixtures.read(preview.reportFile()), "r");
        assertFalse(report.get("applied").asBoolean());
        assertEquals("idea-idea-alpha", ((TaskDocument) env.queues().read(WorkItemKind.TASK, QueueState.QUEUED,
                "t-drift").orElseThrow()).rootSpecId(), "a preview rewrites nothing");

        assertThrows(MillraceException.class, () -> repair.apply("idea-alpha", true, null));
        LineageRepair.Report applied = repair.apply("idea-alpha", false, Fixtures.snapshot());

        assertTrue(applied.applied());
        assertEquals("closure_lineage_repaired", applied.events().get(0).eventType());
        assertTrue(MillraceJson.readTree(Fixtures.read(applied.reportFile()), "r").get("applied").asBoolean());
        TaskDocument drift = (TaskDocument) env.queues().read(WorkItemKind.TASK, QueueState.QUEUED, "t-drift")
                .orElseThrow();
        assertEquals("idea-alpha", drift.rootSpecId());
        assertEquals("idea-alpha", drift.specId());
        TaskDocument alias = (TaskDocument) env.queues().read(WorkItemKind.TASK, QueueState.BLOCKED, "t-alias")
                .orElseThrow();
        assertEquals("idea-alpha", alias.rootSpecId());
        assertEquals("t-drift", env.queues().nextCandidate(Plane.EXECUTION, "idea-alpha").orElseThrow().id(),
                "the repaired task is claimable under the open target");
        CompletionDecision after = coordinator.completionCandidate(plan, idle);
        assertEquals("lineage_work_blocked", after.reason(), "t-alias is now lineage work, and it is blocked");
    }
}
