package ai.millrace.api.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Plane;
import ai.millrace.api.ResultClass;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.WorkItemKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractInvariantsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static StageRunRequest.Builder builderRequest() {
        return StageRunRequest.builder()
                .stage(StageMetadataRegistry.builtIn().require(StageId.BUILDER))
                .requestId("request-1").runId("run-1").modeId("default_codex").compiledPlanId("plan-x")
                .entrypointPath("/w/millrace-agents/entrypoints/execution/builder.md")
                .activeWorkItemKind(WorkItemKind.TASK).activeWorkItemId("task-1")
                .activeWorkItemPath("/w/millrace-agents/tasks/active/task-1.md")
                .runDir("/w/millrace-agents/runs/run-1")
                .summaryStatusPath("/w/millrace-agents/state/execution_status.md")
                .runtimeSnapshotPath("/w/millrace-agents/state/runtime_snapshot.json")
                .recoveryCountersPath("/w/millrace-agents/state/recovery_counters.json");
    }

    @Test
    void theBuilderDerivesMarkersAndIdsFromStageMetadata() {
        StageRunRequest r = builderRequest().build();

        assertEquals(List.of("### BUILDER_COMPLETE", "### BLOCKED"), r.legalTerminalMarkers());
        assertEquals("builder", r.nodeId());
        assertEquals("builder", r.stageKindId());
        assertEquals("BUILDER_RUNNING", r.runningStatusMarker());
        assertEquals(RequestKind.ACTIVE_WORK_ITEM, r.requestKind());
    }

    @Test
    void markersMustMatchTheOutcomesInOrder() {
        ContractViolationException e = assertThrows(ContractViolationException.class,
                () -> builderRequest().legalTerminalMarkers(List.of("### BLOCKED", "### BUILDER_COMPLETE")).build());
        assertTrue(e.getMessage().contains("legal_terminal_markers"), e.getMessage());
    }

    @Test
    void requestKindInvariantsHold() {
        assertThrows(ContractViolationException.class, () -> builderRequest().closureTargetPath("/t.json").build(),
                "an active_work_item request carries no closure fields");
        assertThrows(ContractViolationException.class,
                () -> builderRequest().activeWorkItemId(null).build(), "kind and id go together");
        assertThrows(ContractViolationException.class,
                () -> builderRequest().requestKind(RequestKind.LEARNING_REQUEST).build(),
                "a learning request runs on the learning plane");
        assertThrows(ContractViolationException.class,
                () -> builderRequest().plane(Plane.PLANNING).build(), "builder belongs to execution");
        assertThrows(ContractViolationException.class,
                () -> builderRequest().activeWorkItemId("../escape").build(), "ids are safe ids");
    }

    @Test
    void envelopeSuccessMustAgreeWithItsResultClass() {
        StageResultEnvelope.Builder ok = StageResultEnvelope.builder().runId("run-1").plane(Plane.EXECUTION)
                .stage(StageId.CHECKER).workItemKind(WorkItemKind.TASK).workItemId("task-1")
                .terminalResult(TerminalResult.CHECKER_PASS).resultClass(ResultClass.SUCCESS)
                .summaryStatusMarker("### CHECKER_PASS").success(true).startedAt(T0).completedAt(T0.plusSeconds(3));

        StageResultEnvelope envelope = ok.build();
        assertEquals("checker", envelope.nodeId(), "node id defaults to the stage");

        assertThrows(ContractViolationException.class, () -> ok.success(false).build());
        assertThrows(ContractViolationException.class, () -> ok.success(true).summaryStatusMarker("### BLOCKED").build());
        assertThrows(ContractViolationException.class,
                () -> ok.summaryStatusMarker("### CHECKER_PASS").completedAt(T0.minusSeconds(1)).build());
    }

    @Test
    void tokenUsageCannotBeNegativeAndAdds() {
        assertThrows(ContractViolationException.class, () -> new TokenUsage(-1, 0, 0, 0, 0));
        assertEquals(new TokenUsage(3, 1, 5, 2, 8), new TokenUsage(1, 0, 2, 1, 3).plus(new TokenUsage(2, 1, 3, 1, 5)));
    }
}
