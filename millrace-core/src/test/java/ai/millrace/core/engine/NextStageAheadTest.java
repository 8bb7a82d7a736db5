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

    /** The ids the journal's last intent moves from the task queue to {@code active/}. */
    private List<String> claimedByLastIntent() throws IOException {
        List<String> claimed = new ArrayList<>();
        for (String line : Files.readAllLines(WorkspacePaths.of(root).transitionJournalFile())) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode record = MillraceJson.mapper().readTree(line);
            if (!record.path("type").asText().equals("intent")) {
                continue;
            }
            claimed.clear();
            for (JsonNode step : record.path("steps")) {
                if (step.path("op").asText().equals("move_document") && step.path("from").asText().equalsIgnoreCase("queued")
                        && step.path("to").asText().equalsIgnoreCase("active")) {
                    claimed.add(step.path("id").asText());
                }
            }
        }
        return claimed;
    }

    /** The journal's intents since the last checkpoint, as {@code name} or {@code name+dispatch}. */
    private List<String> intents() throws IOException {
        Path file = WorkspacePaths.of(root).transitionJournalFile();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode record = MillraceJson.mapper().readTree(line);
            if (!record.path("type").asText().equals("intent")) {
                continue;
            }
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
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
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
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
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
        for (String line : Files.readAllLines(WorkspacePaths.of(root).transitionJournalFile())) {
            if (line.isBlank()) {
                continue;
            }
            for (JsonNode step : MillraceJson.mapper().readTree(line).path("steps")) {
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
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertTrue(runtime.tick().ranStage());
        }
        assertFalse(Files.exists(root.resolve(DISPATCH)));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertEquals(new RunSummary(2, "no_work"), runtime.runUntilIdle());
        }
        assertEquals(List.of("builder", "checker", "updater"), r.stages());
        assertEquals(List.of(), ws.events("stage_outcome_unknown"));
        assertEquals(List.of(), ws.events("runtime_reconciled"));
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
        ws.queue(EngineFixture.task("task-1"));
        Path stderr = root.resolve("child.err");
        Process child = ChildJvm.childJvm(OneTickThenHaltChild.class, stderr, root.toString()).start();
        assertTrue(child.waitFor(90, TimeUnit.SECONDS), "the child ran one tick and halted");
        assertEquals(OneTickThenHaltChild.HALTED, child.exitValue(), Files.readString(stderr));
        assertTrue(Files.exists(WorkspacePaths.of(root).transitionJournalFile()));

        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runtime.runUntilIdle();
        }
        List<JsonNode> unknown = ws.events("stage_outcome_unknown");
        assertEquals(1, unknown.size(), "the journaled checker is the one unknown outcome");
        assertEquals("checker", EngineFixture.data(unknown.get(0)).path("stage").asText());
        assertEquals("troubleshooter", r.stages().get(0),
                "the builder's result was durable: the next start begins with the recovery of the checker");
        assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.ACTIVE));
        assertEquals(1, ws.ids(WorkItemKind.TASK, QueueState.DONE).size() + ws.ids(WorkItemKind.TASK,
                QueueState.BLOCKED).size(), "the task ends in exactly one place");
    }

    @Test
    void aResultThatEndsItsRunIsJournaledWithTheNextClaimAndItsFirstDispatch() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ws.queue(EngineFixture.task("task-2"));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        try (MillraceRuntime runtime = ws.runtime(r)) {
            for (int i = 0; i < 3; i++) {
                assertTrue(runtime.tick().ranStage()); // task-1: builder, checker, updater
            }
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
        ws.queue(EngineFixture.task("task-1"));
        ws.queue(EngineFixture.task("task-3"));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        try (MillraceRuntime runtime = ws.runtime(r)) {
            for (int i = 0; i < 3; i++) {
                assertTrue(runtime.tick().ranStage());
            }
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
        ws.queue(EngineFixture.task("task-1"));
        ws.queue(EngineFixture.task("task-2"));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        try (MillraceRuntime runtime = ws.runtime(r)) {
            for (int i = 0; i < 3; i++) {
                assertTrue(runtime.tick().ranStage());
            }
        }
        assertEquals(List.of("task-2"), ws.ids(WorkItemKind.TASK, QueueState.QUEUED));
        assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.ACTIVE));
        assertFalse(Files.exists(root.resolve(DISPATCH)));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertEquals(new RunSummary(3, "no_work"), runtime.runUntilIdle());
        }
        assertEquals(List.of("task-1", "task-2"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of(), ws.events("stage_outcome_unknown"));
        assertEquals(List.of(), ws.events("runtime_reconciled"));
    }

    /** As for a next stage: a kill between tasks leaves a journaled claim the next start recovers. */
    @Test
    @Timeout(120)
    void aKillBetweenTasksRecoversTheJournaledClaimAndLosesNothing() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ws.queue(EngineFixture.task("task-2"));
        Path stderr = root.resolve("child.err");
        Process child = ChildJvm.childJvm(OneTickThenHaltChild.class, stderr, root.toString(), "3").start();
        assertTrue(child.waitFor(90, TimeUnit.SECONDS), "the child ran three ticks and halted");
        assertEquals(OneTickThenHaltChild.HALTED, child.exitValue(), Files.readString(stderr));

        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runtime.runUntilIdle();
        }
        List<JsonNode> unknown = ws.events("stage_outcome_unknown");
        assertEquals(1, unknown.size(), "task-2's journaled builder is the one unknown outcome");
        assertEquals("builder", EngineFixture.data(unknown.get(0)).path("stage").asText());
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE).subList(0, 1));
        assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.ACTIVE));
        assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.QUEUED));
        assertEquals(2, ws.ids(WorkItemKind.TASK, QueueState.DONE).size() + ws.ids(WorkItemKind.TASK,
                QueueState.BLOCKED).size(), "each task ends in exactly one place");
    }
}
