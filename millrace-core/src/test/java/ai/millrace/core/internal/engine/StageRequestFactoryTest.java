package ai.millrace.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.api.run.RequestKind;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageRequestFactoryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final WorkspacePaths paths = WorkspacePaths.of(Path.of("/ws"));
    private final StageRequestFactory factory = new StageRequestFactory(paths);

    @Test
    void aTaskRequestPointsAtTheWorkspace() throws Exception {
        CompiledRunPlan plan = GraphRouterTest.load("plans/compiled_plan.default_codex.json");
        ActiveRunState run = ActiveRunState.builder().plane(Plane.EXECUTION).stage(StageId.CHECKER).nodeId("checker")
                .stageKindId("checker").runId("run-1").workItemKind(WorkItemKind.TASK).workItemId("task-1")
                .activeSince(T0).build();

        StageRunRequest r = factory.build(plan, node(plan, Plane.EXECUTION, "checker"), run, "request-9", null, null);

        assertEquals("/ws/millrace-agents/entrypoints/execution/checker.md", r.entrypointPath());
        assertEquals(List.of("/ws/millrace-agents/skills/stage/execution/checker-core/SKILL.md"), r.requiredSkillPaths());
        assertEquals("/ws/millrace-agents/tasks/active/task-1.md", r.activeWorkItemPath());
        assertEquals("/ws/millrace-agents/runs/run-1", r.runDir());
        assertEquals("/ws/millrace-agents/runs/run-1/troubleshoot_report.md", r.preferredTroubleshootReportPath());
        assertEquals("/ws/millrace-agents/state/execution_status.md", r.summaryStatusPath());
        assertEquals(List.of("### CHECKER_PASS", "### FIX_NEEDED", "### BLOCKED"), r.legalTerminalMarkers());
        assertEquals("codex_cli", r.runnerName());
        assertEquals(3600, r.timeoutSeconds());
        assertNull(r.skillRevisionEvidencePath(), "no learning graph, no evidence");
    }

    @Test
    void anArbiterRequestCarriesTheClosureFields() throws Exception {
        CompiledRunPlan plan = GraphRouterTest.load("plans/compiled_plan.learning_codex.json");
        ActiveRunState run = ActiveRunState.builder().plane(Plane.PLANNING).stage(StageId.ARBITER).nodeId("arbiter")
                .stageKindId("arbiter").runId("run-2").requestKind(RequestKind.CLOSURE_TARGET)
                .closureTargetRootSpecId("spec-root").closureTargetRootIdeaId("idea-1").activeSince(T0).build();
        ClosureTargetState target = ClosureTargetState.builder().rootSpecId("spec-root").rootIdeaId("idea-1")
                .rootSpecPath("millrace-agents/arbiter/contracts/root-specs/spec-root.md")
                .rootIdeaPath("millrace-agents/arbiter/contracts/ideas/idea-1.md")
                .rubricPath("millrace-agents/arbiter/rubrics/spec-root.md").openedAt(T0).build();

        StageRunRequest r = factory.build(plan, node(plan, Plane.PLANNING, "arbiter"), run, "request-3", target, null);

        assertEquals("/ws/millrace-agents/arbiter/targets/spec-root.json", r.closureTargetPath());
        assertEquals("/ws/millrace-agents/arbiter/verdicts/spec-root.json", r.preferredVerdictPath());
        assertEquals("/ws/millrace-agents/runs/run-2/arbiter_report.md", r.preferredReportPath());
        assertEquals("/ws/millrace-agents/arbiter/contracts/ideas/idea-1.md", r.canonicalSeedIdeaPath());
        assertNull(r.activeWorkItemPath());
        assertEquals("/ws/millrace-agents/runs/run-2/skill_revision_evidence.request-3.json",
                r.skillRevisionEvidencePath());
        assertThrows(IllegalStateException.class,
                () -> factory.build(plan, node(plan, Plane.PLANNING, "arbiter"), run, "request-4", null, null));
    }

    private static MaterializedGraphNodePlan node(CompiledRunPlan plan, Plane plane, String id) {
        return plan.graph(plane).nodes().stream().filter(n -> n.nodeId().equals(id)).findFirst().orElseThrow();
    }
}
