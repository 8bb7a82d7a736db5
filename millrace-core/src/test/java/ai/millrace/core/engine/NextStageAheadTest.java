package ai.millrace.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.RunSummary;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage's result is journaled with the dispatch of the next stage of its run, so a stage costs
 * one forced journal write instead of two. The next stage is started by the next tick, withdrawn
 * when that tick does not start it, and treated as possibly started after a crash.
 */
class NextStageAheadTest {
    @TempDir
    Path root;

    private static final String DISPATCH = "millrace-agents/state/dispatch_execution.json";

    /** The journal's intent records since the last checkpoint, oldest first. */
    private List<JsonNode> journaledIntents() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(WorkspacePaths.of(root).transitionJournalFile())) {
            if (!line.isBlank()) {
                JsonNode record = MillraceJson.mapper().readTree(line);
                if (record.path("type").asText().equals("intent")) {
                    out.add(record);
                }
            }
        }
        return out;
    }

    /** The ids the journal's last intent moves from the task queue to {@code active/}. */
    private List<String> claimedByLastIntent() throws IOException {
        List<JsonNode> intents = journaledIntents();
        List<String> claimed = new ArrayList<>();
        for (JsonNode step : intents.get(intents.size() - 1).path("steps")) {
            if (step.path("op").asText().equals("move_document") && step.path("from").asText().equalsIgnoreCase("queued")
                    && step.path("to").asText().equalsIgnoreCase("active")) {
                claimed.add(step.path("id").asText());
            }
        }
        return claimed;
    }

    /** The journal's intents since the last checkpoint, as {@code name} or {@code name+dispatch}. */
    private List<String> intents() throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode record : journaledIntents()) {
            boolean dispatches = false;
            for (JsonNode step : record.path("steps")) {
                dispatches |= step.path("op").asText().equals("write_file")
                        && step.path("path").asText().equals(DISPATCH);
            }
            out.add(record.path("name").asText() + (dispatches ? "+dispatch" : ""));
        }
        return out;
    }

    @Test
    void eachResultIsJournaledWithTheDispatchOfTheNextStageInOneIntent() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ScriptRunner r = queue(ws, "task-1");
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertTrue(runtime.tick().ranStage()); // builder
            List<String> afterBuilder = intents();
            // Start-up's own transitions come first; then the claim with the builder's dispatch.
            int first = afterBuilder.indexOf("activate_dispatch_execution+dispatch");
            assertEquals(afterBuilder.size() - 2, first, afterBuilder.toString());
            assertTrue(afterBuilder.get(first + 1).startsWith("apply_execution_")
                    && afterBuilder.get(first + 1).endsWith("+dispatch"),
                    "the builder's result carries the checker's dispatch: " + afterBuilder);
            // Journaled, not started: between ticks nothing runs and nothing says so.
            assertEquals(null, runtime.snapshot().activeRun(Plane.EXECUTION).runningStatusMarker());
            assertFalse(Files.exists(root.resolve(DISPATCH)), "no dispatch record while nothing runs");
            assertFalse(ws.status(Plane.EXECUTION).endsWith("_RUNNING"), ws.status(Plane.EXECUTION));

            assertTrue(runtime.tick().ranStage()); // checker: started from the journaled dispatch
            List<String> afterChecker = intents();
            assertEquals(afterBuilder.size() + 1, afterChecker.size(),
                    "no intent of its own for the checker's dispatch: " + afterChecker);
            assertTrue(afterChecker.get(afterChecker.size() - 1).endsWith("+dispatch"), afterChecker.toString());

            assertTrue(runtime.tick().ranStage()); // updater: the run ends, nothing follows
            List<String> afterUpdater = intents();
            assertEquals(afterChecker.size() + 1, afterUpdater.size(), afterUpdater.toString());
            assertFalse(afterUpdater.get(afterUpdater.size() - 1).endsWith("+dispatch"), afterUpdater.toString());
        }
        assertEquals(List.of("builder", "checker", "updater"), r.stages());
        assertEquals(3, r.requests.stream().map(q -> q.requestId()).distinct().count());
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(3, ws.events("stage_started").size());
    }

    @Test
    void aNextStageTheTickDoesNotStartIsWithdrawnAndRunsLaterAsAFreshDispatch() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ScriptRunner r = queue(ws, "task-1");
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertTrue(runtime.tick().ranStage()); // builder; checker journaled ahead
            String ahead = journaledDispatchRequestId();
            runtime.pause();
            assertEquals("paused", runtime.tick().reason());
            assertFalse(Files.exists(root.resolve(DISPATCH)));
            runtime.resume();
            assertEquals(new RunSummary(2, "no_work"), runtime.runUntilIdle());
            assertEquals("checker", r.requests.get(1).stage().value());
            assertNotEquals(ahead, r.requests.get(1).requestId(), "the withdrawn dispatch is not reused");
        }
        assertEquals(List.of("builder", "checker", "updater"), r.stages());
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of(), ws.events("stage_outcome_unknown"));
    }

    /** The request id of the last dispatch record written in the journal. */
    private String journaledDispatchRequestId() throws IOException {
        String id = null;
        for (JsonNode record : journaledIntents()) {
            for (JsonNode step : record.path("steps")) {
                if (step.path("path").asText().equals(DISPATCH)) {
                    id = MillraceJson.mapper().readTree(step.path("content").asText()).path("request")
                            .path("request_id").asText();
                }
            }
        }
        assertTrue(id != null && id.startsWith("request-"), "a dispatch record in the journal: " + id);
        return id;
    }

    @Test
    void aCleanCloseBetweenStagesWithdrawsTheNextStageSoTheNextStartResumesIt() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ScriptRunner r = closeAfterTicksThenFinish(ws, 1, 2, () -> { }, "task-1");
        assertEquals(List.of("builder", "checker", "updater"), r.stages());
    }

    /** A check made between the close and the restart. */
    private interface Between {
        void check() throws Exception;
    }

    /**
     * Queues the tasks, runs some ticks and closes the runtime cleanly; a new runtime then
     * finishes the work, with nothing treated as unknown or reconciled.
     */
    private ScriptRunner closeAfterTicksThenFinish(EngineFixture ws, int ticks, int stagesLeft, Between between,
            String... tasks) throws Exception {
        ScriptRunner r = queue(ws, tasks);
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runStages(runtime, ticks);
        }
        assertFalse(Files.exists(root.resolve(DISPATCH)), "no dispatch record after a clean close");
        between.check();
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertEquals(new RunSummary(stagesLeft, "no_work"), runtime.runUntilIdle());
        }
        assertEquals(List.of(), ws.events("stage_outcome_unknown"));
        assertEquals(List.of(), ws.events("runtime_reconciled"));
        return r;
    }

    /**
     * A process killed between two ticks: the journal says the checker was dispatched and the
     * runtime cannot know it never started, so the next start routes it as an unknown outcome
     * (the conservative reading: a stage is never run twice by accident). Nothing is lost.
     */
    @Test
    @Timeout(120)
    void aKillBetweenTicksRoutesTheJournaledStageAsAnUnknownOutcomeAndLosesNothing() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ScriptRunner r = killAfterTicksThenRestart(ws, 1, "task-1");
        assertUnknownOutcomeOf(ws, "checker", 1);
        assertEquals("troubleshooter", r.stages().get(0),
                "the builder's result was durable: the next start begins with the recovery of the checker");
    }

    /**
     * Queues the tasks, runs a child runtime for some ticks and halts it without closing (as a
     * kill would), then runs a new runtime over the workspace until idle.
     */
    private ScriptRunner killAfterTicksThenRestart(EngineFixture ws, int ticks, String... tasks) throws Exception {
        for (String task : tasks) {
            ws.queue(EngineFixture.task(task));
        }
        Path stderr = root.resolve("child.err");
        Process child = ChildJvm.childJvm(OneTickThenHaltChild.class, stderr, root.toString(), Integer.toString(ticks))
                .start();
        assertTrue(child.waitFor(90, TimeUnit.SECONDS), "the child ran its ticks and halted");
        assertEquals(OneTickThenHaltChild.HALTED, child.exitValue(), Files.readString(stderr));
        assertTrue(Files.exists(WorkspacePaths.of(root).transitionJournalFile()));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runtime.runUntilIdle();
        }
        return r;
    }

    /** One unknown outcome, of the stage, and every task ended in exactly one place. */
    private static void assertUnknownOutcomeOf(EngineFixture ws, String stage, int tasks) throws IOException {
        List<JsonNode> unknown = ws.events("stage_outcome_unknown");
        assertEquals(1, unknown.size(), "the journaled stage is the one unknown outcome");
        assertEquals(stage, EngineFixture.data(unknown.get(0)).path("stage").asText());
        assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.ACTIVE));
        assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.QUEUED));
        assertEquals(tasks, ws.ids(WorkItemKind.TASK, QueueState.DONE).size()
                + ws.ids(WorkItemKind.TASK, QueueState.BLOCKED).size(), "each task ends in exactly one place");
    }

    /** Queues the tasks and returns a runner that passes every stage. */
    private static ScriptRunner queue(EngineFixture ws, String... tasks) throws IOException {
        for (String task : tasks) {
            ws.queue(EngineFixture.task(task));
        }
        return new ScriptRunner(EngineFixture.CLOCK, new Scripts());
    }

    private static void runStages(MillraceRuntime runtime, int stages) {
        for (int i = 0; i < stages; i++) {
            assertTrue(runtime.tick().ranStage(), "stage " + (i + 1) + " of " + stages);
        }
    }

    @Test
    void aResultThatEndsItsRunIsJournaledWithTheNextClaimAndItsFirstDispatch() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ScriptRunner r = queue(ws, "task-1", "task-2");
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runStages(runtime, 3); // task-1: builder, checker, updater
            List<String> before = intents();
            assertTrue(before.get(before.size() - 1).endsWith("+dispatch"), before.toString());
            assertEquals(List.of("task-2"), claimedByLastIntent(), "task-1's last result carries task-2's claim");
            // Journaled, not applied: between ticks task-2 is still queued and nothing is active.
            assertEquals(List.of("task-2"), ws.ids(WorkItemKind.TASK, QueueState.QUEUED));
            assertTrue(runtime.snapshot().activeRunsByPlane().isEmpty());
            assertEquals(1, ws.events("work_item_claimed").size());

            assertTrue(runtime.tick().ranStage()); // task-2's builder, from the journaled claim
            List<String> after = intents();
            assertEquals(before.size() + 1, after.size(), "no intent of its own for the claim: " + after);
            assertEquals(List.of("task-2"), ws.ids(WorkItemKind.TASK, QueueState.ACTIVE));
            assertEquals(2, ws.events("work_item_claimed").size());
            assertEquals(new RunSummary(2, "no_work"), runtime.runUntilIdle());
        }
        assertEquals(List.of("builder", "checker", "updater", "builder", "checker", "updater"), r.stages());
        assertEquals(List.of("task-1", "task-2"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of(), ws.events("stage_outcome_unknown"));
    }

    @Test
    void aTaskAddedBetweenTicksWithdrawsTheClaimAheadAndIsClaimedInQueueOrder() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ScriptRunner r = queue(ws, "task-1", "task-3");
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runStages(runtime, 3);
            assertEquals(List.of("task-3"), claimedByLastIntent());
            runtime.addTask(EngineFixture.task("task-2")); // sorts before task-3
            assertTrue(runtime.tick().ranStage());
            assertEquals(List.of("task-2"), ws.ids(WorkItemKind.TASK, QueueState.ACTIVE),
                    "the queue changed, so the claim is made again and task-2 comes first");
            assertEquals(List.of("task-3"), ws.ids(WorkItemKind.TASK, QueueState.QUEUED));
            runtime.runUntilIdle();
        }
        List<String> items = r.requests.stream().filter(q -> q.stage().value().equals("builder"))
                .map(q -> q.activeWorkItemId()).toList();
        assertEquals(List.of("task-1", "task-2", "task-3"), items);
        assertEquals(List.of("task-1", "task-2", "task-3"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
    }

    @Test
    void aCleanCloseBetweenTasksLeavesTheNextTaskQueuedAndItRunsNormallyAfterARestart() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        closeAfterTicksThenFinish(ws, 3, 3, () -> {
            assertEquals(List.of("task-2"), ws.ids(WorkItemKind.TASK, QueueState.QUEUED));
            assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.ACTIVE));
        }, "task-1", "task-2");
        assertEquals(List.of("task-1", "task-2"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
    }

    /** As for a next stage: a kill between tasks leaves a journaled claim the next start recovers. */
    @Test
    @Timeout(120)
    void aKillBetweenTasksRecoversTheJournaledClaimAndLosesNothing() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        killAfterTicksThenRestart(ws, 3, "task-1", "task-2");
        assertUnknownOutcomeOf(ws, "builder", 2);
        assertEquals("task-1", ws.ids(WorkItemKind.TASK, QueueState.DONE).get(0), "task-1 finished before the kill");
    }
}
