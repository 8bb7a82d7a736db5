package ai.millrace.api.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.RequestKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeSnapshotTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static RuntimeSnapshot.Builder idle() {
        return RuntimeSnapshot.builder().activeModeId("default_codex").compiledPlanId("bootstrap")
                .executionLoopId("execution.standard").planningLoopId("planning.standard")
                .executionStatusMarker("### IDLE").planningStatusMarker("### IDLE").updatedAt(T0);
    }

    @Test
    void pausedWithoutSourceMeansOperatorAndSourcesImplyPaused() {
        assertEquals(List.of(PauseSource.OPERATOR), idle().paused(true).build().pauseSources());
        RuntimeSnapshot governed = idle().paused(false)
                .pauseSources(List.of(PauseSource.USAGE_GOVERNANCE, PauseSource.USAGE_GOVERNANCE)).build();
        assertTrue(governed.paused());
        assertEquals(List.of(PauseSource.USAGE_GOVERNANCE), governed.pauseSources());
    }

    @Test
    void perPlaneMapsAreBackFilledFromLegacyScalars() {
        RuntimeSnapshot s = idle().queueDepthExecution(3).build();

        assertEquals(Map.of(Plane.EXECUTION, "execution.standard", Plane.PLANNING, "planning.standard"),
                s.loopIdsByPlane());
        assertEquals(3, s.queueDepthsByPlane().get(Plane.EXECUTION));
        assertEquals("### IDLE", s.statusMarkersByPlane().get(Plane.LEARNING));
        assertEquals(List.of(Plane.EXECUTION, Plane.PLANNING, Plane.LEARNING),
                List.copyOf(s.statusMarkersByPlane().keySet()), "planes in declaration order");
    }

    @Test
    void legacyActiveFieldsProjectTheForegroundRun() {
        ActiveRunState execution = ActiveRunState.builder().plane(Plane.EXECUTION).stage(StageId.BUILDER)
                .nodeId("builder").stageKindId("builder").runId("run-e").workItemKind(WorkItemKind.TASK)
                .workItemId("task-1").activeSince(T0).build();
        ActiveRunState learning = ActiveRunState.builder().plane(Plane.LEARNING).stage(StageId.ANALYST)
                .nodeId("analyst").stageKindId("analyst").runId("run-l").requestKind(RequestKind.LEARNING_REQUEST)
                .workItemKind(WorkItemKind.LEARNING_REQUEST).workItemId("learn-1").activeSince(T0).build();

        RuntimeSnapshot s = idle().activeRunsByPlane(Map.of(Plane.LEARNING, learning, Plane.EXECUTION, execution))
                .build();

        assertEquals(Plane.EXECUTION, s.activePlane(), "execution outranks learning as foreground");
        assertEquals("task-1", s.activeWorkItemId());
        assertEquals(learning, s.activeRun(Plane.LEARNING));
    }

    @Test
    void aLegacySnapshotGetsItsActiveRunSynthesized() {
        RuntimeSnapshot s = idle().activePlane(Plane.EXECUTION).activeStage(StageId.CHECKER).activeRunId("run-1")
                .activeWorkItemKind(WorkItemKind.TASK).activeWorkItemId("task-9").activeSince(T0).build();

        ActiveRunState run = s.activeRun(Plane.EXECUTION);
        assertEquals(StageId.CHECKER, run.stage());
        assertEquals("checker", run.nodeId());
        assertEquals(RequestKind.ACTIVE_WORK_ITEM, run.requestKind());
    }

    @Test
    void invariantsAreEnforced() {
        assertThrows(ContractViolationException.class, () -> idle().activePlane(Plane.EXECUTION).build());
        assertThrows(ContractViolationException.class, () -> idle().executionStatusMarker("IDLE").build());
        assertThrows(ContractViolationException.class, () -> idle().queueDepthPlanning(-1).build());
        ActiveRunState planningRun = ActiveRunState.builder().plane(Plane.PLANNING).stage(StageId.PLANNER)
                .nodeId("planner").stageKindId("planner").runId("run-p").workItemKind(WorkItemKind.SPEC)
                .workItemId("spec-1").activeSince(T0).build();
        assertThrows(ContractViolationException.class,
                () -> idle().activeRunsByPlane(Map.of(Plane.EXECUTION, planningRun)).build(),
                "a run is filed under its own plane");
    }
}
