package ai.millrace.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.RunSummary;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.workspace.QueueState;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row of the routing table (spec 01 section 3.7.2) driven end to end: the real runtime over a
 * real workspace, with an in-process scripted runner. Each test asserts the stage order, the
 * router's decisions as logged in {@code logs/runtime_events.jsonl}, the final queue folders, the
 * status markers and the recovery counters file.
 */
class RoutingTableEndToEndTest {
    @TempDir
    Path root;

    private EngineFixture ws;

    private ScriptRunner runner(Scripts script) {
        return new ScriptRunner(EngineFixture.CLOCK, script);
    }

    private void assertIdleAndClean(MillraceRuntime runtime) throws IOException {
        RuntimeSnapshot s = runtime.snapshot();
        assertTrue(s.activeRunsByPlane().isEmpty(), "no active run left: " + s.activeRunsByPlane());
        assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.ACTIVE));
        assertEquals(List.of(), ws.ids(WorkItemKind.SPEC, QueueState.ACTIVE));
        assertEquals(List.of(), ws.ids(WorkItemKind.INCIDENT, QueueState.ACTIVE));
        assertFalse(ws.dispatchRecordLeft(), "no dispatch record left");
    }

    @Test
    @DisplayName("exec: builder -> checker -> updater -> idle (task done, markers IDLE, counters empty)")
    void happyPath() throws Exception {
        ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner r = runner(new Scripts());
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertEquals(new RunSummary(3, "no_work"), runtime.runUntilIdle());
            assertIdleAndClean(runtime);
        }
        assertEquals(List.of("builder", "checker", "updater"), r.stages());
        assertEquals(List.of(
                "builder:BUILDER_COMPLETE -> run_stage checker (builder:BUILDER_COMPLETE)",
                "checker:CHECKER_PASS -> run_stage updater (checker:CHECKER_PASS)",
                "updater:UPDATE_COMPLETE -> idle (updater_complete)"), ws.decisions());
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        for (Plane p : Plane.values()) {
            assertEquals("### IDLE", ws.status(p));
        }
        assertEquals(List.of(), ws.counterLines());
        assertEquals(3, ws.events("stage_started").size());
        assertEquals(3, ws.events("stage_completed").size());
        assertEquals(1, ws.events("work_item_claimed").size());
    }

    @Test
    @DisplayName("exec: checker FIX_NEEDED -> fixer -> doublechecker DOUBLECHECK_PASS -> updater")
    void oneFixCycle() throws Exception {
        ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner r = runner(new Scripts().on("checker", "### FIX_NEEDED"));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runtime.tick();
            runtime.tick();
            assertEquals(1, runtime.snapshot().fixCycleCount());
            assertEquals(List.of("task:task-1:fix_cycle t=0 m=0 f=1 c=0"), ws.counterLines());
            assertEquals("### FIX_NEEDED", ws.status(Plane.EXECUTION), "the terminal marker stays until the next stage");
            runtime.runUntilIdle();
            assertIdleAndClean(runtime);
        }
        assertEquals(List.of("builder", "checker", "fixer", "doublechecker", "updater"), r.stages());
        assertEquals(List.of(
                "builder:BUILDER_COMPLETE -> run_stage checker (builder:BUILDER_COMPLETE)",
                "checker:FIX_NEEDED -> run_stage fixer (fix_needed)",
                "fixer:FIXER_COMPLETE -> run_stage doublechecker (fixer:FIXER_COMPLETE)",
                "doublechecker:DOUBLECHECK_PASS -> run_stage updater (doublechecker:DOUBLECHECK_PASS)",
                "updater:UPDATE_COMPLETE -> idle (updater_complete)"), ws.decisions());
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of(), ws.counterLines(), "counters are reset when the item is done");
    }

    @Test
    @DisplayName("exec: fix cycles up to max_fix_cycles=2, then troubleshooter (fix_cycle_exhausted) -> builder")
    void fixCyclesExhaustToTroubleshooter() throws Exception {
        ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner r = runner(new Scripts().on("checker", "### FIX_NEEDED")
                .on("doublechecker", "### FIX_NEEDED", "### FIX_NEEDED"));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            for (int i = 0; i < 6; i++) {
                runtime.tick();
            }
            // builder, checker, fixer, doublechecker, fixer, doublechecker: the second FIX_NEEDED of the
            // doublechecker meets fix_cycle_count == 2.
            assertEquals("troubleshooter", runtime.snapshot().activeRun(Plane.EXECUTION).stage().value());
            assertEquals("fix_cycle_exhausted", runtime.snapshot().currentFailureClass());
            assertEquals(List.of("task:task-1:fix_cycle t=0 m=0 f=2 c=0",
                    "task:task-1:fix_cycle_exhausted t=1 m=0 f=0 c=0"), ws.counterLines());
            runtime.runUntilIdle();
            assertIdleAndClean(runtime);
        }
        assertEquals(List.of("builder", "checker", "fixer", "doublechecker", "fixer", "doublechecker",
                "troubleshooter", "builder", "checker", "updater"), r.stages());
        assertEquals(List.of(
                "builder:BUILDER_COMPLETE -> run_stage checker (builder:BUILDER_COMPLETE)",
                "checker:FIX_NEEDED -> run_stage fixer (fix_needed)",
                "fixer:FIXER_COMPLETE -> run_stage doublechecker (fixer:FIXER_COMPLETE)",
                "doublechecker:FIX_NEEDED -> run_stage fixer (fix_needed)",
                "fixer:FIXER_COMPLETE -> run_stage doublechecker (fixer:FIXER_COMPLETE)",
                "doublechecker:FIX_NEEDED -> run_stage troubleshooter (fix_cycle_exhausted)",
                "troubleshooter:TROUBLESHOOT_COMPLETE -> run_stage builder (troubleshoot_complete)",
                "builder:BUILDER_COMPLETE -> run_stage checker (builder:BUILDER_COMPLETE)",
                "checker:CHECKER_PASS -> run_stage updater (checker:CHECKER_PASS)",
                "updater:UPDATE_COMPLETE -> idle (updater_complete)"), ws.decisions());
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
    }

    @Test
    @DisplayName("exec: builder BLOCKED -> troubleshooter, BLOCKED -> troubleshooter, BLOCKED -> consultant, "
            + "CONSULT_COMPLETE -> troubleshooter -> builder")
    void blockedTwiceThenConsultant() throws Exception {
        ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner r = runner(new Scripts().on("builder", "### BLOCKED")
                .on("troubleshooter", "### BLOCKED", "### BLOCKED"));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runtime.tick();
            runtime.tick();
            assertEquals(List.of("task:task-1:builder_blocked t=2 m=0 f=0 c=0"), ws.counterLines());
            assertEquals(2, runtime.snapshot().troubleshootAttemptCount());
            runtime.tick(); // the second troubleshooter BLOCKED meets 2 attempts: consultant
            assertEquals("consultant", runtime.snapshot().activeRun(Plane.EXECUTION).stage().value());
            assertEquals(List.of("task:task-1:builder_blocked t=2 m=0 f=0 c=1"), ws.counterLines());
            assertEquals("### BLOCKED", ws.status(Plane.EXECUTION));
            runtime.runUntilIdle();
            assertIdleAndClean(runtime);
        }
        assertEquals(List.of("builder", "troubleshooter", "troubleshooter", "consultant", "troubleshooter",
                "builder", "checker", "updater"), r.stages());
        assertEquals(List.of(
                "builder:BLOCKED -> run_stage troubleshooter (builder_blocked)",
                "troubleshooter:BLOCKED -> run_stage troubleshooter (troubleshooter_blocked)",
                "troubleshooter:BLOCKED -> run_stage consultant (troubleshooter_blocked)",
                "consultant:CONSULT_COMPLETE -> run_stage troubleshooter (consultant_local_recovery)",
                "troubleshooter:TROUBLESHOOT_COMPLETE -> run_stage builder (troubleshoot_complete)",
                "builder:BUILDER_COMPLETE -> run_stage checker (builder:BUILDER_COMPLETE)",
                "checker:CHECKER_PASS -> run_stage updater (checker:CHECKER_PASS)",
                "updater:UPDATE_COMPLETE -> idle (updater_complete)"), ws.decisions());
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of(), ws.counterLines());
    }

    @ParameterizedTest(name = "exec: {0} BLOCKED -> troubleshooter ({0}_blocked) -> builder")
    @ValueSource(strings = {"builder", "checker", "fixer", "doublechecker", "updater"})
    void everyExecutionStageBlockedGoesToTroubleshooter(String stage) throws Exception {
        ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        Scripts script = new Scripts().on(stage, "### BLOCKED");
        if (stage.equals("fixer") || stage.equals("doublechecker")) {
            script.on("checker", "### FIX_NEEDED");
        }
        ScriptRunner r = runner(script);
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runtime.runUntilIdle();
            assertIdleAndClean(runtime);
        }
        List<String> decisions = ws.decisions();
        assertTrue(decisions.contains(stage + ":BLOCKED -> run_stage troubleshooter (" + stage + "_blocked)"),
                decisions.toString());
        int blockedAt = decisions.indexOf(stage + ":BLOCKED -> run_stage troubleshooter (" + stage + "_blocked)");
        assertEquals("troubleshooter:TROUBLESHOOT_COMPLETE -> run_stage builder (troubleshoot_complete)",
                decisions.get(blockedAt + 1));
        assertEquals("updater:UPDATE_COMPLETE -> idle (updater_complete)", decisions.get(decisions.size() - 1));
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        // The troubleshooter got the failure class in the counters while it ran; it is gone now.
        JsonNode troubleshooterStarted = ws.events("stage_started").stream()
                .filter(e -> EngineFixture.data(e).path("stage").asText().equals("troubleshooter")).findFirst()
                .orElseThrow();
        assertEquals("task-1", EngineFixture.data(troubleshooterStarted).path("work_item_id").asText());
        assertEquals(List.of(), ws.counterLines());
    }

    @Test
    @DisplayName("exec: consultant BLOCKED -> blocked (task in tasks/blocked, marker ### BLOCKED)")
    void consultantBlockedBlocksTheTask() throws Exception {
        ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ws.queue(EngineFixture.task("task-2"));
        ScriptRunner r = runner(new Scripts().on("builder", "### BLOCKED")
                .on("troubleshooter", "### BLOCKED", "### BLOCKED").on("consultant", "### BLOCKED"));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            for (int i = 0; i < 4; i++) {
                runtime.tick();
            }
            assertTrue(runtime.snapshot().activeRunsByPlane().isEmpty());
            assertEquals("builder_blocked", runtime.snapshot().currentFailureClass());
            assertEquals("### BLOCKED", ws.status(Plane.EXECUTION));
            assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.BLOCKED));
            assertEquals(List.of(), ws.counterLines());
            runtime.runUntilIdle(); // the next task still runs
            assertIdleAndClean(runtime);
        }
        assertEquals("consultant:BLOCKED -> blocked (consultant_blocked)", ws.decisions().get(3));
        assertEquals(List.of("task-2"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.BLOCKED));
    }

    @Test
    @DisplayName("exec->plan: consultant NEEDS_PLANNING -> handoff incident with lineage -> auditor -> planner "
            + "-> manager writes a task -> the new task runs")
    void needsPlanningHandsOffToPlanningAndTheNewTaskRuns() throws Exception {
        ws = new EngineFixture(root);
        ws.queue(EngineFixture.taskOf("task-1", "spec-a", "spec-root", "idea-root"));
        ScriptRunner r = runner(new Scripts().on("builder", "### BLOCKED")
                .on("troubleshooter", "### BLOCKED", "### BLOCKED").on("consultant", "### NEEDS_PLANNING")
                .then("manager", request -> {
                    writeQueuedTask(EngineFixture.taskOf("task-fix", "spec-root", "spec-root", "idea-root"));
                    return "### MANAGER_COMPLETE";
                }));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            for (int i = 0; i < 4; i++) {
                runtime.tick();
            }
            assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.BLOCKED));
            assertEquals("### NEEDS_PLANNING", ws.status(Plane.EXECUTION));
            List<String> incoming = ws.ids(WorkItemKind.INCIDENT, QueueState.QUEUED);
            assertEquals(1, incoming.size());
            assertTrue(incoming.get(0).startsWith("incident-task-1-"), incoming.toString());
            IncidentDocument incident = WorkDocumentMarkdown.read(
                    ws.paths.documentFile(WorkItemKind.INCIDENT, QueueState.QUEUED, incoming.get(0)),
                    IncidentDocument.class);
            assertEquals("task-1", incident.sourceTaskId());
            assertEquals("spec-root", incident.rootSpecId());
            assertEquals("spec-root", incident.sourceSpecId());
            assertEquals("idea-root", incident.rootIdeaId());
            assertEquals(Boolean.TRUE, incident.needsPlanning());
            assertEquals("consultant_needs_planning", incident.triggerReason());
            assertEquals("runtime", incident.openedBy());
            assertEquals(1, incident.relatedRunIds().size());
            JsonNode enqueued = ws.events("runtime_handoff_incident_enqueued").get(0);
            assertEquals(incoming.get(0), EngineFixture.data(enqueued).path("incident_id").asText());

            runtime.runUntilIdle();
            assertIdleAndClean(runtime);
            assertEquals(1, ws.ids(WorkItemKind.INCIDENT, QueueState.DONE).size(), "incident resolved");
        }
        assertEquals(List.of("builder", "troubleshooter", "troubleshooter", "consultant", "auditor", "planner",
                "manager", "builder", "checker", "updater"), r.stages());
        List<String> d = ws.decisions();
        assertEquals("consultant:NEEDS_PLANNING -> handoff auditor (consultant_needs_planning)", d.get(3));
        assertEquals("auditor:AUDITOR_COMPLETE -> run_stage planner (auditor:AUDITOR_COMPLETE)", d.get(4));
        assertEquals("planner:PLANNER_COMPLETE -> run_stage manager (planner:PLANNER_COMPLETE)", d.get(5));
        assertEquals("manager:MANAGER_COMPLETE -> idle (manager_complete)", d.get(6));
        assertEquals(List.of("task-fix"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.BLOCKED));
        assertEquals("task-fix", r.requests.get(7).activeWorkItemId());
    }

    @Test
    @DisplayName("plan: spec -> planner -> manager emits two tasks -> idle (spec done) -> both tasks run")
    void plannerAndManagerEmitTasks() throws Exception {
        ws = new EngineFixture(root);
        ws.queue(EngineFixture.spec("spec-1"));
        ScriptRunner r = runner(new Scripts().then("manager", request -> {
            writeQueuedTask(EngineFixture.taskOf("task-a", "spec-1", "spec-1", "idea-spec-1"));
            writeQueuedTask(EngineFixture.taskOf("task-b", "spec-1", "spec-1", "idea-spec-1"));
            return "### MANAGER_COMPLETE";
        }));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertEquals(new RunSummary(9, "no_work"), runtime.runUntilIdle());
            assertIdleAndClean(runtime);
        }
        // The arbiter judges the root spec's lineage once its tasks are done.
        assertEquals(List.of("planner", "manager", "builder", "checker", "updater", "builder", "checker", "updater",
                "arbiter"), r.stages());
        assertEquals(List.of("spec-1"), ws.ids(WorkItemKind.SPEC, QueueState.DONE));
        assertEquals(List.of("task-a", "task-b"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals("manager:MANAGER_COMPLETE -> idle (manager_complete)", ws.decisions().get(1));
    }

    @Test
    @DisplayName("plan: planner BLOCKED -> mechanic -> MECHANIC_COMPLETE -> planner -> manager")
    void mechanicRecovery() throws Exception {
        ws = new EngineFixture(root);
        ws.queue(EngineFixture.spec("spec-1"));
        ScriptRunner r = runner(new Scripts().on("planner", "### BLOCKED"));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runtime.tick();
            assertEquals("mechanic", runtime.snapshot().activeRun(Plane.PLANNING).stage().value());
            assertEquals(List.of("spec:spec-1:planner_blocked t=0 m=1 f=0 c=0"), ws.counterLines());
            assertEquals(1, runtime.snapshot().mechanicAttemptCount());
            assertEquals("### BLOCKED", ws.status(Plane.PLANNING));
            runtime.runUntilIdle();
            assertIdleAndClean(runtime);
        }
        assertEquals(List.of("planner", "mechanic", "planner", "manager", "arbiter"), r.stages());
        assertEquals(List.of(
                "planner:BLOCKED -> run_stage mechanic (planner_blocked)",
                "mechanic:MECHANIC_COMPLETE -> run_stage planner (mechanic_complete)",
                "planner:PLANNER_COMPLETE -> run_stage manager (planner:PLANNER_COMPLETE)",
                "manager:MANAGER_COMPLETE -> idle (manager_complete)",
                "arbiter:ARBITER_COMPLETE -> idle (arbiter_complete)"), ws.decisions());
        assertEquals(List.of("spec-1"), ws.ids(WorkItemKind.SPEC, QueueState.DONE));
        assertEquals(List.of(), ws.counterLines());
    }

    @ParameterizedTest(name = "plan: {0} BLOCKED -> mechanic")
    @ValueSource(strings = {"manager", "auditor"})
    void managerAndAuditorBlockedGoToMechanic(String stage) throws Exception {
        ws = new EngineFixture(root);
        if (stage.equals("auditor")) {
            ws.queue(IncidentDocument.builder().incidentId("inc-1").title("Incident inc-1").summary("it broke").sourceStage(StageId.of("checker")).sourcePlane(Plane.EXECUTION).failureClass("checker_blocked").severity(ai.millrace.api.work.IncidentSeverity.HIGH).triggerReason("checker_blocked").consultantDecision(ai.millrace.api.work.IncidentDecision.NEEDS_PLANNING)
                    .openedAt(java.time.Instant.parse("2026-01-01T00:00:00Z")).openedBy("test").build());
        } else {
            ws.queue(EngineFixture.spec("spec-1"));
        }
        ScriptRunner r = runner(new Scripts().on(stage, "### BLOCKED"));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runtime.runUntilIdle();
            assertIdleAndClean(runtime);
        }
        assertTrue(ws.decisions().contains(stage + ":BLOCKED -> run_stage mechanic (" + stage + "_blocked)"),
                ws.decisions().toString());
        assertTrue(ws.decisions().contains("mechanic:MECHANIC_COMPLETE -> run_stage planner (mechanic_complete)"));
        assertTrue(ws.decisions().contains("manager:MANAGER_COMPLETE -> idle (manager_complete)"),
                ws.decisions().toString());
        if (stage.equals("auditor")) {
            assertEquals(List.of("inc-1"), ws.ids(WorkItemKind.INCIDENT, QueueState.DONE));
        }
    }

    @Test
    @DisplayName("plan: planner BLOCKED, mechanic BLOCKED twice -> blocked (mechanic_attempts_exhausted)")
    void mechanicAttemptsExhaustedBlocksTheSpec() throws Exception {
        ws = new EngineFixture(root);
        ws.queue(EngineFixture.spec("spec-1"));
        ScriptRunner r = runner(new Scripts().on("planner", "### BLOCKED").on("mechanic", "### BLOCKED", "### BLOCKED"));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertEquals(new RunSummary(3, "no_work"), runtime.runUntilIdle());
            assertIdleAndClean(runtime);
            assertEquals("planner_blocked", runtime.snapshot().currentFailureClass());
        }
        assertEquals(List.of(
                "planner:BLOCKED -> run_stage mechanic (planner_blocked)",
                "mechanic:BLOCKED -> run_stage mechanic (mechanic_blocked)",
                "mechanic:BLOCKED -> blocked (mechanic_blocked:mechanic_attempts_exhausted)"), ws.decisions());
        assertEquals(List.of("spec-1"), ws.ids(WorkItemKind.SPEC, QueueState.BLOCKED));
        assertEquals("### BLOCKED", ws.status(Plane.PLANNING));
        assertEquals(List.of(), ws.counterLines());
    }

    @Test
    @DisplayName("learn: analyst -> professor -> curator -> idle; target_stage curator starts at curator; "
            + "analyst BLOCKED -> blocked")
    void learningPlane() throws Exception {
        ws = new EngineFixture(root);
        ws.queue(EngineFixture.learningRequest("learn-a", null));
        ws.queue(EngineFixture.learningRequest("learn-b", StageId.of("curator")));
        ws.queue(EngineFixture.learningRequest("learn-c", null));
        ScriptRunner r = runner(new Scripts().then("analyst", req -> "### ANALYST_COMPLETE")
                .on("analyst", "### BLOCKED"));
        try (MillraceRuntime runtime = ws.runtime(r, "learning_codex")) {
            runtime.runUntilIdle();
            assertIdleAndClean(runtime);
        }
        assertEquals(List.of("analyst", "professor", "curator", "curator", "analyst"), r.stages());
        assertEquals(List.of(
                "analyst:ANALYST_COMPLETE -> run_stage professor (analyst:ANALYST_COMPLETE)",
                "professor:PROFESSOR_COMPLETE -> run_stage curator (professor:PROFESSOR_COMPLETE)",
                "curator:CURATOR_COMPLETE -> idle (curator:CURATOR_COMPLETE)",
                "curator:CURATOR_COMPLETE -> idle (curator:CURATOR_COMPLETE)",
                "analyst:BLOCKED -> blocked (analyst_blocked)"), ws.decisions());
        assertEquals(List.of("learn-a", "learn-b"), ws.ids(WorkItemKind.LEARNING_REQUEST, QueueState.DONE));
        assertEquals(List.of("learn-c"), ws.ids(WorkItemKind.LEARNING_REQUEST, QueueState.BLOCKED));
    }

    @ParameterizedTest(name = "malformed: {0}")
    @ValueSource(strings = {"missing_terminal_result", "conflicting_terminal_results", "illegal_terminal_result",
            "runner_transport_failure"})
    void malformedResultsGoToRecoveryWithTheirFailureClass(String failureClass) throws Exception {
        ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        Scripts script = new Scripts();
        switch (failureClass) {
            case "missing_terminal_result":
                script.on("checker", "I checked everything and it looks fine.");
                break;
            case "conflicting_terminal_results":
                script.on("checker", "### CHECKER_PASS\n### FIX_NEEDED");
                break;
            case "illegal_terminal_result":
                script.on("checker", "### BUILDER_COMPLETE");
                break;
            default:
                script.throwing("checker", "the harness fell over");
        }
        ScriptRunner r = runner(script);
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runtime.tick();
            runtime.tick();
            assertEquals("troubleshooter", runtime.snapshot().activeRun(Plane.EXECUTION).stage().value());
            assertEquals(failureClass, runtime.snapshot().currentFailureClass());
            assertEquals(List.of("task:task-1:" + failureClass + " t=1 m=0 f=0 c=0"), ws.counterLines());
            assertEquals("### BLOCKED", ws.status(Plane.EXECUTION));
            runtime.runUntilIdle();
            assertIdleAndClean(runtime);
        }
        assertEquals(List.of("builder", "checker", "troubleshooter", "builder", "checker", "updater"), r.stages());
        assertEquals("checker:BLOCKED -> run_stage troubleshooter (checker_blocked)", ws.decisions().get(1));
        JsonNode checkerCompleted = ws.events("stage_completed").get(1);
        assertEquals(failureClass, EngineFixture.data(checkerCompleted).path("failure_class").asText());
        assertEquals("recoverable_failure", EngineFixture.data(checkerCompleted).path("result_class").asText());
        assertEquals(failureClass, EngineFixture.data(ws.events("router_decision").get(1)).path("failure_class").asText());
        // The failure envelope was persisted as the checker's stage result.
        String runId = r.requests.get(0).runId();
        JsonNode checkerResult = ws.stageResults(runId).stream()
                .filter(n -> n.path("metadata").path("request_id").asText().equals(r.requests.get(1).requestId()))
                .findFirst().orElseThrow();
        assertEquals("BLOCKED", checkerResult.path("terminal_result").asText());
        assertEquals(failureClass, checkerResult.path("metadata").path("failure_class").asText());
        assertTrue(checkerResult.path("retryable").asBoolean());
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
    }

    @Test
    @DisplayName("plan: a malformed planner result goes to the mechanic with its failure class")
    void malformedPlanningResultGoesToMechanic() throws Exception {
        ws = new EngineFixture(root);
        ws.queue(EngineFixture.spec("spec-1"));
        ScriptRunner r = runner(new Scripts().on("planner", "### PLANNER_RUNNING\n### PLANNER_COMPLETE"));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runtime.tick();
            assertEquals("mechanic", runtime.snapshot().activeRun(Plane.PLANNING).stage().value());
            assertEquals(List.of("spec:spec-1:conflicting_terminal_results t=0 m=1 f=0 c=0"), ws.counterLines());
            runtime.runUntilIdle();
            assertIdleAndClean(runtime);
        }
        assertEquals(List.of("planner", "mechanic", "planner", "manager", "arbiter"), r.stages());
        assertEquals(List.of("spec-1"), ws.ids(WorkItemKind.SPEC, QueueState.DONE));
    }

    private void writeQueuedTask(ai.millrace.api.work.TaskDocument task) {
        try {
            Files.writeString(ws.paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, task.taskId()),
                    WorkDocumentMarkdown.render(task));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
