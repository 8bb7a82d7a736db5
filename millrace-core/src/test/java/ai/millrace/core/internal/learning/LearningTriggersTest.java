package ai.millrace.core.internal.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.work.LearningRequestAction;
import ai.millrace.api.work.LearningRequestDocument;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.internal.closure.ClosureTestSupport;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.QueueState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LearningTriggersTest {
    private static final CompiledRunPlan LEARNING = ClosureTestSupport.plan("learning_codex");
    private static final CompiledRunPlan DEFAULT = ClosureTestSupport.plan("default_codex");
    private static final Path RESULT = Path.of("/ws/millrace-agents/runs/run-1/stage_results/request-7.json");

    @TempDir
    Path root;

    private static StageResultEnvelope result(String stage, String terminal) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("request_id", "request-from-metadata");
        return ClosureTestSupport.result(Plane.EXECUTION, stage, terminal, WorkItemKind.TASK, "task-9", "run-1", null,
                meta);
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource({
        "doublechecker, DOUBLECHECK_PASS, execution.doublechecker.success-to-curator, curator",
        "troubleshooter, TROUBLESHOOT_COMPLETE, execution.troubleshooter.recovery-to-analyst, analyst",
        "troubleshooter, BLOCKED, execution.troubleshooter.recovery-to-analyst, analyst",
        "consultant, CONSULT_COMPLETE, execution.consultant.recovery-to-analyst, analyst",
        "consultant, NEEDS_PLANNING, execution.consultant.recovery-to-analyst, analyst",
        "consultant, BLOCKED, execution.consultant.recovery-to-analyst, analyst"})
    void eachShippedRuleYieldsARequestWithTheExactFields(String stage, String terminal, String ruleId, String target) {
        List<LearningRequestDocument> out = LearningTriggers.requestsFor(LEARNING, result(stage, terminal), "request-7",
                RESULT, IdGenerator.sequential(), Fixtures.CLOCK);

        assertEquals(1, out.size());
        LearningRequestDocument r = out.get(0);
        assertEquals("learn-000000000001", r.learningRequestId());
        assertEquals("Learn from " + stage + " " + terminal, r.title());
        assertEquals("Runtime-generated learning request from a compiler-frozen trigger rule: " + ruleId, r.summary());
        assertEquals(LearningRequestAction.IMPROVE, r.requestedAction());
        assertEquals(StageId.of(target), r.targetStage());
        assertEquals(List.of("run:run-1", "request:request-7", "node:" + stage, "stage_kind:" + stage, "stage:" + stage,
                "terminal:" + terminal), r.sourceRefs());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("rule_id", ruleId);
        meta.put("source_plane", "execution");
        meta.put("source_stage", stage);
        meta.put("source_node_id", stage);
        meta.put("source_stage_kind_id", stage);
        meta.put("terminal_result", terminal);
        meta.put("run_id", "run-1");
        meta.put("work_item_kind", "task");
        meta.put("work_item_id", "task-9");
        assertEquals(meta, r.triggerMetadata());
        assertEquals(List.of("run-1"), r.originatingRunIds());
        assertEquals(List.of(RESULT.toString()), r.artifactPaths());
        assertEquals("millrace runtime", r.createdBy());
        assertEquals(Fixtures.T0, r.createdAt());
    }

    @Test
    void otherResultsAndPlansWithoutALearningGraphYieldNothing() {
        assertTrue(LearningTriggers.requestsFor(LEARNING, result("builder", "BUILDER_COMPLETE"), "r", RESULT,
                IdGenerator.sequential(), Fixtures.CLOCK).isEmpty());
        assertTrue(LearningTriggers.requestsFor(LEARNING, result("doublechecker", "FIX_NEEDED"), "r", RESULT,
                IdGenerator.sequential(), Fixtures.CLOCK).isEmpty());
        assertTrue(LearningTriggers.requestsFor(DEFAULT, result("doublechecker", "DOUBLECHECK_PASS"), "r", RESULT,
                IdGenerator.sequential(), Fixtures.CLOCK).isEmpty());
    }

    @Test
    void theRequestIdFallsBackToMetadataThenUnknown() {
        LearningRequestDocument r = LearningTriggers.requestsFor(LEARNING, result("consultant", "BLOCKED"), null,
                RESULT, IdGenerator.sequential(), Fixtures.CLOCK).get(0);
        assertEquals("request:request-from-metadata", r.sourceRefs().get(1));
        StageResultEnvelope bare = ClosureTestSupport.result(Plane.EXECUTION, "consultant", "BLOCKED",
                WorkItemKind.TASK, "task-9", "run-1", null, Map.of());
        assertEquals("request:unknown", LearningTriggers.requestsFor(LEARNING, bare, null, RESULT,
                IdGenerator.sequential(), Fixtures.CLOCK).get(0).sourceRefs().get(1));
    }

    @Test
    void theStepsEnqueueTheRequestsInARealWorkspace() {
        Fixtures.Env env = ClosureTestSupport.workspace(root, Fixtures.CLOCK);
        List<LearningRequestDocument> docs = LearningTriggers.requestsFor(LEARNING,
                result("doublechecker", "DOUBLECHECK_PASS"), "request-7", RESULT, IdGenerator.sequential(),
                Fixtures.CLOCK);

        ClosureTestSupport.commit(env, LearningTriggers.steps(env.queues(), docs));

        LearningRequestDocument back = (LearningRequestDocument) env.queues().read(WorkItemKind.LEARNING_REQUEST,
                QueueState.QUEUED, "learn-000000000001").orElseThrow();
        assertEquals(docs.get(0), back);
        assertEquals("learning_request_enqueued", LearningTriggers.events(docs, Fixtures.T0).get(0).eventType());
    }

    @Test
    void aLearningRequestIsRefusedAtIntakeInAModeWithoutTheLearningPlane() {
        LearningRequestDocument doc = LearningRequestDocument.builder().learningRequestId("learn-1").title("Improve")
                .requestedAction(LearningRequestAction.IMPROVE).createdAt(Fixtures.T0).createdBy("operator").build();

        MillraceException e = assertThrows(MillraceException.class, () -> LearningIntake.check(DEFAULT, doc));
        assertTrue(e.detail().contains("mode default_codex has no learning plane"), e.detail());
        assertTrue(e.detail().contains("learning_codex"), e.detail());
        LearningIntake.check(LEARNING, doc);
    }
}
