package ai.millrace.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.ResultClass;
import ai.millrace.api.StageId;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.run.RequestKind;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RecoveryCounterEntry;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RouterAction;
import ai.millrace.api.state.RouterDecision;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the original's routing table, against the original's own compiled plans. */
class GraphRouterTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static CompiledRunPlan plan;
    private static CompiledRunPlan learningPlan;
    private final GraphRouter router = new GraphRouter();

    @BeforeAll
    static void loadPlans() throws IOException {
        plan = load("plans/compiled_plan.default_codex.json");
        learningPlan = load("plans/compiled_plan.learning_codex.json");
    }

    static CompiledRunPlan load(String resource) throws IOException {
        try (InputStream in = GraphRouterTest.class.getClassLoader().getResourceAsStream(resource)) {
            return MillraceJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), CompiledRunPlan.class,
                    resource);
        }
    }

    /** plane | stage | outcome | fix cycles | attempts | action | next stage | reason | failure class. */
    @ParameterizedTest(name = "{1} {2} fix={3} attempts={4} -> {5} {6}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "execution|builder|BUILDER_COMPLETE|0|0|run_stage|checker|builder:BUILDER_COMPLETE|-",
        "execution|builder|BLOCKED|0|0|run_stage|troubleshooter|builder_blocked|builder_blocked",
        "execution|builder|BLOCKED|0|2|run_stage|consultant|builder_blocked|builder_blocked",
        "execution|checker|CHECKER_PASS|0|0|run_stage|updater|checker:CHECKER_PASS|-",
        "execution|checker|FIX_NEEDED|1|0|run_stage|fixer|fix_needed|-",
        "execution|checker|FIX_NEEDED|2|0|run_stage|troubleshooter|fix_cycle_exhausted|fix_cycle_exhausted",
        "execution|checker|BLOCKED|0|1|run_stage|troubleshooter|checker_blocked|checker_blocked",
        "execution|checker|BLOCKED|0|2|run_stage|consultant|checker_blocked|checker_blocked",
        "execution|fixer|FIXER_COMPLETE|0|0|run_stage|doublechecker|fixer:FIXER_COMPLETE|-",
        "execution|fixer|BLOCKED|0|2|run_stage|consultant|fixer_blocked|fixer_blocked",
        "execution|doublechecker|DOUBLECHECK_PASS|0|0|run_stage|updater|doublechecker:DOUBLECHECK_PASS|-",
        "execution|doublechecker|FIX_NEEDED|0|0|run_stage|fixer|fix_needed|-",
        "execution|doublechecker|FIX_NEEDED|2|0|run_stage|troubleshooter|fix_cycle_exhausted|fix_cycle_exhausted",
        "execution|doublechecker|BLOCKED|0|0|run_stage|troubleshooter|doublechecker_blocked|doublechecker_blocked",
        "execution|updater|UPDATE_COMPLETE|0|0|idle|-|updater_complete|-",
        "execution|updater|BLOCKED|0|2|run_stage|consultant|updater_blocked|updater_blocked",
        "execution|troubleshooter|TROUBLESHOOT_COMPLETE|0|0|run_stage|builder|troubleshoot_complete|-",
        "execution|troubleshooter|BLOCKED|0|1|run_stage|troubleshooter|troubleshooter_blocked|troubleshooter_blocked",
        "execution|troubleshooter|BLOCKED|0|2|run_stage|consultant|troubleshooter_blocked|troubleshooter_blocked",
        "execution|consultant|CONSULT_COMPLETE|0|0|run_stage|troubleshooter|consultant_local_recovery|-",
        "execution|consultant|NEEDS_PLANNING|0|0|handoff|auditor|consultant_needs_planning|-",
        "execution|consultant|BLOCKED|0|5|blocked|-|consultant_blocked|consultant_blocked",
        "planning|planner|PLANNER_COMPLETE|0|0|run_stage|manager|planner:PLANNER_COMPLETE|-",
        "planning|planner|BLOCKED|0|0|run_stage|mechanic|planner_blocked|planner_blocked",
        "planning|planner|BLOCKED|0|2|blocked|-|planner_blocked:mechanic_attempts_exhausted|planner_blocked",
        "planning|manager|MANAGER_COMPLETE|0|0|idle|-|manager_complete|-",
        "planning|manager|BLOCKED|0|2|blocked|-|manager_blocked:mechanic_attempts_exhausted|manager_blocked",
        "planning|mechanic|MECHANIC_COMPLETE|0|0|run_stage|planner|mechanic_complete|-",
        "planning|mechanic|BLOCKED|0|1|run_stage|mechanic|mechanic_blocked|mechanic_blocked",
        "planning|mechanic|BLOCKED|0|2|blocked|-|mechanic_blocked:mechanic_attempts_exhausted|mechanic_blocked",
        "planning|auditor|AUDITOR_COMPLETE|0|0|run_stage|planner|auditor:AUDITOR_COMPLETE|-",
        "planning|auditor|BLOCKED|0|0|run_stage|mechanic|auditor_blocked|auditor_blocked",
    })
    void routesLikeTheOriginal(String plane, String stage, String outcome, int fixCycles, int attempts, String action,
            String next, String reason, String failureClass) {
        Plane p = Plane.of(plane);
        WorkItemKind kind = p == Plane.EXECUTION ? WorkItemKind.TASK : WorkItemKind.SPEC;
        String defaultClass = stage + "_blocked";
        RecoveryCounters counters = new RecoveryCounters(List.of(new RecoveryCounterEntry(defaultClass, "item-1", kind,
                attempts, attempts, 0, 0, T0)));
        RuntimeSnapshot snapshot = snapshot(p, stage, kind, "item-1", fixCycles, RequestKind.ACTIVE_WORK_ITEM);

        RouterDecision d = router.route(plan, snapshot, counters, result(p, stage, outcome, kind, "item-1", null));

        assertEquals(RouterAction.of(action), d.action());
        assertEquals(next == null ? null : StageId.of(next), d.nextStage());
        assertEquals(reason, d.reason());
        assertEquals(failureClass, d.failureClass());
        assertEquals(action.equals("handoff"), d.createIncident());
    }

    @Test
    void theArbiterClosesHandsOffOrBlocks() {
        RuntimeSnapshot s = snapshot(Plane.PLANNING, "arbiter", null, null, 0, RequestKind.CLOSURE_TARGET);

        assertEquals(RouterAction.IDLE, router.route(plan, s, RecoveryCounters.EMPTY,
                closureResult("ARBITER_COMPLETE")).action());
        RouterDecision gap = router.route(plan, s, RecoveryCounters.EMPTY, closureResult("REMEDIATION_NEEDED"));
        assertEquals(RouterAction.HANDOFF, gap.action());
        assertEquals("arbiter_remediation_needed", gap.reason());
        assertEquals("arbiter_parity_gap", gap.failureClass());
        RouterDecision blocked = router.route(plan, s, RecoveryCounters.EMPTY, closureResult("BLOCKED"));
        assertEquals(RouterAction.BLOCKED, blocked.action());
        assertEquals("arbiter_blocked", blocked.reason());
    }

    @Test
    void aNormalizationFailureStartsItsOwnCounterLineage() {
        RecoveryCounters counters = new RecoveryCounters(List.of(
                new RecoveryCounterEntry("builder_blocked", "item-1", WorkItemKind.TASK, 2, 0, 0, 0, T0)));
        RuntimeSnapshot snapshot = snapshot(Plane.EXECUTION, "builder", WorkItemKind.TASK, "item-1", 0,
                RequestKind.ACTIVE_WORK_ITEM);

        RouterDecision d = router.route(plan, snapshot, counters,
                result(Plane.EXECUTION, "builder", "BLOCKED", WorkItemKind.TASK, "item-1", "runner_timeout"));

        assertEquals(StageId.TROUBLESHOOTER, d.nextStage(), "runner_timeout has no attempts yet");
        assertEquals("runner_timeout", d.failureClass());
        assertEquals("task:item-1:runner_timeout", d.counterKey());
    }

    @Test
    void aRepeatedBlockInheritsTheSnapshotsFailureClass() {
        RecoveryCounters counters = new RecoveryCounters(List.of(
                new RecoveryCounterEntry("builder_blocked", "item-1", WorkItemKind.TASK, 2, 0, 0, 0, T0)));
        RuntimeSnapshot snapshot = snapshot(Plane.EXECUTION, "troubleshooter", WorkItemKind.TASK, "item-1", 0,
                RequestKind.ACTIVE_WORK_ITEM).toBuilder().currentFailureClass("builder_blocked").build();

        RouterDecision d = router.route(plan, snapshot, counters,
                result(Plane.EXECUTION, "troubleshooter", "BLOCKED", WorkItemKind.TASK, "item-1", null));

        assertEquals(StageId.CONSULTANT, d.nextStage());
        assertEquals("builder_blocked", d.failureClass());
    }

    @Test
    void learningRoutesPlainly() {
        RuntimeSnapshot s = snapshot(Plane.LEARNING, "analyst", WorkItemKind.LEARNING_REQUEST, "learn-1", 0,
                RequestKind.LEARNING_REQUEST);
        RouterDecision next = router.route(learningPlan, s, RecoveryCounters.EMPTY,
                result(Plane.LEARNING, "analyst", "ANALYST_COMPLETE", WorkItemKind.LEARNING_REQUEST, "learn-1", null));
        assertEquals(StageId.PROFESSOR, next.nextStage());

        RuntimeSnapshot c = snapshot(Plane.LEARNING, "curator", WorkItemKind.LEARNING_REQUEST, "learn-1", 0,
                RequestKind.LEARNING_REQUEST);
        assertEquals("curator:CURATOR_COMPLETE", router.route(learningPlan, c, RecoveryCounters.EMPTY,
                result(Plane.LEARNING, "curator", "CURATOR_COMPLETE", WorkItemKind.LEARNING_REQUEST, "learn-1", null))
                .reason());
        RouterDecision blocked = router.route(learningPlan, c, RecoveryCounters.EMPTY,
                result(Plane.LEARNING, "curator", "BLOCKED", WorkItemKind.LEARNING_REQUEST, "learn-1", null));
        assertEquals(RouterAction.BLOCKED, blocked.action());
        assertNull(blocked.failureClass());
    }

    @Test
    void aResultForAnotherRunIsRefused() {
        RuntimeSnapshot snapshot = snapshot(Plane.EXECUTION, "checker", WorkItemKind.TASK, "item-1", 0,
                RequestKind.ACTIVE_WORK_ITEM);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> router.route(plan, snapshot,
                RecoveryCounters.EMPTY, result(Plane.EXECUTION, "builder", "BUILDER_COMPLETE", WorkItemKind.TASK,
                        "item-1", null)));
        assertTrue(e.getMessage().contains("stage checker != builder"), e.getMessage());
    }

    private static RuntimeSnapshot snapshot(Plane plane, String stage, WorkItemKind kind, String id, int fixCycles,
            RequestKind requestKind) {
        ActiveRunState run = ActiveRunState.builder().plane(plane).stage(StageId.of(stage)).nodeId(stage)
                .stageKindId(stage).runId("run-1").requestKind(requestKind).workItemKind(kind).workItemId(id)
                .closureTargetRootSpecId(requestKind == RequestKind.CLOSURE_TARGET ? "spec-root" : null)
                .activeSince(T0).build();
        return RuntimeSnapshot.builder().activeModeId("default_codex").compiledPlanId(plan.compiledPlanId())
                .executionStatusMarker("### IDLE").planningStatusMarker("### IDLE").fixCycleCount(fixCycles)
                .activeRunsByPlane(Map.of(plane, run)).updatedAt(T0).build();
    }

    private static StageResultEnvelope result(Plane plane, String stage, String outcome, WorkItemKind kind, String id,
            String failureClass) {
        TerminalResult terminal = TerminalResult.of(outcome);
        boolean failure = failureClass != null;
        ResultClass resultClass = failure ? ResultClass.RECOVERABLE_FAILURE
                : outcome.equals("BLOCKED") ? ResultClass.BLOCKED
                : outcome.equals("FIX_NEEDED") || outcome.equals("REMEDIATION_NEEDED") ? ResultClass.FOLLOWUP_NEEDED
                : outcome.equals("NEEDS_PLANNING") ? ResultClass.ESCALATE_PLANNING : ResultClass.SUCCESS;
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("failure_class", failureClass);
        return StageResultEnvelope.builder().runId("run-1").plane(plane).stage(StageId.of(stage)).workItemKind(kind)
                .workItemId(id).terminalResult(terminal).resultClass(resultClass).summaryStatusMarker(terminal.marker())
                .success(resultClass == ResultClass.SUCCESS).metadata(metadata).startedAt(T0).completedAt(T0).build();
    }

    private static StageResultEnvelope closureResult(String outcome) {
        TerminalResult terminal = TerminalResult.of(outcome);
        ResultClass rc = outcome.equals("ARBITER_COMPLETE") ? ResultClass.SUCCESS
                : outcome.equals("BLOCKED") ? ResultClass.BLOCKED : ResultClass.FOLLOWUP_NEEDED;
        return StageResultEnvelope.builder().runId("run-1").plane(Plane.PLANNING).stage(StageId.ARBITER)
                .workItemKind(WorkItemKind.SPEC).workItemId("spec-root").terminalResult(terminal).resultClass(rc)
                .summaryStatusMarker(terminal.marker()).success(rc == ResultClass.SUCCESS)
                .metadata(Map.of("request_kind", "closure_target", "closure_target_root_spec_id", "spec-root"))
                .startedAt(T0).completedAt(T0).build();
    }
}
