package ai.millrace.core.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.IncidentDecision;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.IncidentSeverity;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.RunSummary;
import ai.millrace.core.TickResult;
import ai.millrace.core.internal.control.DaemonLockRecord;
import ai.millrace.core.workspace.QueueState;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per known defect of the original (spec 02 section 12): each reproduces the original's
 * scenario against the real runtime and shows the defect does not happen here.
 */
class KnownDefectsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    /** A runner whose stage throws an Error: the tick dies mid-stage like a crashed process. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash while the stage ran");
        }
    }

    @Test
    @DisplayName("#1 stop between stages does not wedge: a new runtime resumes the pending stage and finishes")
    void defect01StopBetweenStages() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertTrue(runtime.tick().ranStage()); // builder; checker pending
            runtime.requestStop();
            assertEquals("stop_requested", runtime.tick().reason());
            assertFalse(runtime.snapshot().stopRequested(), "the stop is consumed, not left for the next start");
            assertEquals("checker", runtime.snapshot().activeRun(Plane.EXECUTION).stage().value());
        }
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.ACTIVE));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertEquals(new RunSummary(2, "no_work"), runtime.runUntilIdle());
        }
        assertEquals(List.of("builder", "checker", "updater"), r.stages());
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.ACTIVE));
        assertEquals(1, r.requests.stream().map(q -> q.runId()).distinct().count(), "one run id for the item");
        assertEquals(List.of(), ws.events("runtime_reconciled"));
    }

    @Test
    @Timeout(60)
    @DisplayName("#1 (daemon) a stop while an item has a pending stage ends the daemon; the next daemon finishes it")
    void defect01DaemonStopWithPendingStage() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        Gate gate = new Gate();
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts().then("builder", q -> {
            gate.pass();
            return "### BUILDER_COMPLETE";
        }));
        EventWaiter events = new EventWaiter();
        try (MillraceRuntime runtime = ws.builder(r).listener(events).build()) {
            runtime.start();
            gate.awaitEntered();
            runtime.requestStop(); // lands while the builder is in flight
            gate.release();
            assertTrue(runtime.awaitTermination(WAIT));
            assertEquals("checker", runtime.snapshot().activeRun(Plane.EXECUTION).stage().value());
            assertFalse(runtime.snapshot().stopRequested());
        }
        EventWaiter again = new EventWaiter();
        try (MillraceRuntime runtime = ws.builder(r).listener(again).build()) {
            runtime.start();
            again.await(EventWaiter.stage("stage_completed", "updater"), WAIT);
            runtime.stop();
            assertTrue(runtime.awaitTermination(WAIT));
        }
        assertEquals(List.of("builder", "checker", "updater"), r.stages());
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
    }

    @Test
    @DisplayName("#2 a fresh runtime per tick (close + build each time) walks builder -> checker -> updater, "
            + "no troubleshooter")
    void defect02FreshRuntimePerTick() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            try (MillraceRuntime runtime = ws.runtime(r, "default_codex")) {
                reasons.add(runtime.tick().reason());
                if (i < 2) {
                    assertFalse(runtime.snapshot().activeRunsByPlane().isEmpty());
                }
            }
        }
        assertEquals(List.of("builder:BUILDER_COMPLETE", "checker:CHECKER_PASS", "updater_complete", "no_work"), reasons);
        assertEquals(List.of("builder", "checker", "updater"), r.stages());
        assertEquals(1, r.requests.stream().map(q -> q.runId()).distinct().count(), "the run id never changes");
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of(), ws.events("runtime_reconciled"));
        assertEquals(List.of(), ws.events("stage_outcome_unknown"));
        assertEquals(List.of(), ws.counterLines());
    }

    @Test
    @Timeout(60)
    @DisplayName("#3 retry-active while a daemon worker is in flight: no crash, the item is requeued and re-run")
    void defect03RetryActiveWhileWorkerInFlight() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        Gate gate = new Gate();
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts().then("checker", q -> {
            gate.pass(); // interrupted by the retry; the runner reports an error
            return "### CHECKER_PASS";
        }));
        EventWaiter events = new EventWaiter();
        try (MillraceRuntime runtime = ws.builder(r).listener(events).build()) {
            runtime.start();
            gate.awaitEntered();
            runtime.retryActive(Plane.EXECUTION);
            events.await(EventWaiter.type("stage_result_discarded"), WAIT);
            // The requeued task is claimed again and runs from the builder to the end.
            events.await(EventWaiter.stage("stage_completed", "updater"), WAIT);
            runtime.stop();
            assertTrue(runtime.awaitTermination(WAIT)); // rethrows a daemon failure, if any
        }
        assertTrue(gate.interrupted, "the orphaned worker was interrupted");
        assertEquals(List.of("builder", "checker", "builder", "checker", "updater"), r.stages());
        assertEquals(2, r.requests.stream().map(q -> q.runId()).distinct().count(), "a new activation after the retry");
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(2, ws.events("work_item_claimed").size());
        assertFalse(ws.dispatchRecordLeft());
        assertEquals(1, Files.list(ws.paths.mailboxProcessedDir()).count());
    }

    @Test
    @Timeout(60)
    @DisplayName("#3 clear-stale-state while a daemon worker is in flight: no crash, the item is requeued and re-run")
    void defect03ClearStaleWhileWorkerInFlight() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        Gate gate = new Gate();
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts().then("builder", q -> {
            gate.pass();
            return "### BUILDER_COMPLETE";
        }));
        EventWaiter events = new EventWaiter();
        try (MillraceRuntime runtime = ws.builder(r).listener(events).build()) {
            runtime.start();
            gate.awaitEntered();
            runtime.clearStaleState();
            events.await(EventWaiter.type("stage_result_discarded"), WAIT);
            events.await(EventWaiter.stage("stage_completed", "updater"), WAIT);
            runtime.stop();
            assertTrue(runtime.awaitTermination(WAIT));
        }
        assertEquals(List.of("builder", "builder", "checker", "updater"), r.stages());
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
    }

    @Test
    @DisplayName("#5 an activation that fails leaves the document queued (or owned), never orphaned in active/")
    void defect05ActivationFailureNeverOrphans() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        Path active = ws.paths.queueDir(WorkItemKind.TASK, QueueState.ACTIVE);
        // Break activation: tasks/active is a file, so the claim's move cannot happen.
        Files.delete(active);
        Files.writeString(active, "not a folder");
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertThrows(RuntimeException.class, runtime::tick);
            assertTrue(runtime.snapshot().activeRunsByPlane().isEmpty(), "no run without its document");
        }
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.QUEUED), "still queued");
        assertEquals(List.of(), r.stages());
        Files.delete(active);
        Files.createDirectory(active);
        // An orphan as the original leaves it: a document in active/ that no run owns.
        ws.queue(EngineFixture.task("task-2"));
        Files.move(ws.paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, "task-2"),
                ws.paths.documentFile(WorkItemKind.TASK, QueueState.ACTIVE, "task-2"));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertEquals(new RunSummary(6, "no_work"), runtime.runUntilIdle());
        }
        assertEquals(List.of("task-1", "task-2"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.ACTIVE));
        assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.QUEUED));
    }

    @Test
    @DisplayName("#6 a learning request in a default (non-learning) mode neither crashes the tick nor is lost")
    void defect06LearningRequestInDefaultMode() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.learningRequest("learn-1", null));
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        try (MillraceRuntime runtime = ws.runtime(r, "default_codex")) {
            assertEquals(new RunSummary(3, "no_work"), runtime.runUntilIdle());
            assertEquals(new RunSummary(0, "no_work"), runtime.runUntilIdle());
            assertEquals(1, runtime.snapshot().queueDepthLearning());
        }
        assertEquals(List.of("learn-1"), ws.ids(WorkItemKind.LEARNING_REQUEST, QueueState.QUEUED), "not lost");
        assertEquals(List.of(), ws.ids(WorkItemKind.LEARNING_REQUEST, QueueState.ACTIVE), "not orphaned");
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        // A learning mode later picks it up.
        try (MillraceRuntime runtime = ws.runtime(r, "learning_codex")) {
            assertEquals(new RunSummary(3, "no_work"), runtime.runUntilIdle());
        }
        assertEquals(List.of("learn-1"), ws.ids(WorkItemKind.LEARNING_REQUEST, QueueState.DONE));
    }

    @Test
    @DisplayName("#7 a stale learning-plane run (in flight at a crash, or pending) does not break start-up")
    void defect07StaleLearningRun() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.learningRequest("learn-1", null));
        ws.queue(EngineFixture.learningRequest("learn-2", null));
        ScriptRunner crashing = new ScriptRunner(EngineFixture.CLOCK, new Scripts().then("professor", q -> {
            throw new SimulatedCrash();
        }));
        try (MillraceRuntime runtime = ws.runtime(crashing, "learning_codex")) {
            runtime.tick(); // analyst
            assertThrows(SimulatedCrash.class, runtime::tick); // professor in flight when the process "dies"
        }
        assertTrue(ws.dispatchRecordLeft());
        // Start-up settles the in-flight learning stage as an unknown outcome: learning has no
        // recovery stage, so the request is blocked. Starting again and again changes nothing more.
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        for (int i = 0; i < 3; i++) {
            try (MillraceRuntime runtime = ws.runtime(r, "learning_codex")) {
                assertDoesNotThrow(runtime::startup);
                assertNull(runtime.snapshot().activeRun(Plane.LEARNING));
            }
        }
        assertEquals(List.of("learn-1"), ws.ids(WorkItemKind.LEARNING_REQUEST, QueueState.BLOCKED));
        assertEquals(1, ws.events("stage_outcome_unknown").size());
        assertFalse(ws.dispatchRecordLeft());
        assertEquals(List.of(), ws.counterLines());

        // A pending learning stage when the next start uses a mode without a learning plane.
        try (MillraceRuntime runtime = ws.runtime(r, "learning_codex")) {
            runtime.tick(); // learn-2: analyst; professor pending
            assertEquals("professor", runtime.snapshot().activeRun(Plane.LEARNING).stage().value());
        }
        ws.queue(EngineFixture.task("task-1"));
        for (int i = 0; i < 2; i++) {
            try (MillraceRuntime runtime = ws.runtime(r, "default_codex")) {
                assertDoesNotThrow(runtime::startup);
                runtime.runUntilIdle();
            }
        }
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of("learn-2"), ws.ids(WorkItemKind.LEARNING_REQUEST, QueueState.QUEUED),
                "the request waits for a learning mode");
        try (MillraceRuntime runtime = ws.runtime(r, "learning_codex")) {
            runtime.runUntilIdle();
        }
        assertEquals(List.of("learn-2"), ws.ids(WorkItemKind.LEARNING_REQUEST, QueueState.DONE));
    }

    @Test
    @DisplayName("#8 fix-cycle exhaustion -> troubleshooter is not re-routed at the next start")
    void defect08FixCycleExhaustionThenRestart() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts().on("checker", "### FIX_NEEDED")
                .on("doublechecker", "### FIX_NEEDED", "### FIX_NEEDED"));
        ActiveRunState pending;
        List<String> countersBefore;
        try (MillraceRuntime runtime = ws.runtime(r)) {
            for (int i = 0; i < 6; i++) {
                runtime.tick();
            }
            pending = runtime.snapshot().activeRun(Plane.EXECUTION);
            assertEquals("troubleshooter", pending.stage().value());
            assertEquals("### FIX_NEEDED", ws.status(Plane.EXECUTION));
            countersBefore = ws.counterLines();
        }
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runtime.startup();
            ActiveRunState after = runtime.snapshot().activeRun(Plane.EXECUTION);
            assertEquals(pending.runId(), after.runId(), "no new run id");
            assertEquals("troubleshooter", after.stage().value());
            assertEquals(countersBefore, ws.counterLines(), "no counter increment");
            TickResult next = runtime.tick();
            assertEquals("troubleshooter", next.result().stage().value());
            assertEquals("troubleshoot_complete", next.reason());
            runtime.runUntilIdle();
        }
        assertEquals(List.of(), ws.events("runtime_reconciled"));
        assertEquals(1, ws.decisions().stream().filter(d -> d.contains("troubleshooter:")).count());
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
    }

    @Test
    @DisplayName("#9 mailbox: resume then pause nets to paused (issue order), and an applied stop never re-applies")
    void defect09MailboxOrderAndStaleStop() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        try (MillraceRuntime runtime = ws.runtime(r)) {
            runtime.resume();
            runtime.pause();
            assertEquals("paused", runtime.tick().reason());
            assertTrue(runtime.snapshot().paused());
            runtime.pause();
            runtime.resume();
            assertTrue(runtime.tick().ranStage(), "pause then resume nets to running");
            runtime.requestStop();
            assertEquals("stop_requested", runtime.tick().reason());
        }
        // The stop was applied and archived in one step: the next runtime is not stopped by it.
        assertEquals(List.of(), Files.list(ws.paths.mailboxIncomingDir()).toList());
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertEquals(new RunSummary(2, "no_work"), runtime.runUntilIdle());
        }
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertEquals("no_work", runtime.tick().reason());
        }
        assertEquals(5, Files.list(ws.paths.mailboxProcessedDir()).count(), "resume, pause, pause, resume, stop");
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
    }

    @Test
    @DisplayName("#10 a lock left by a dead pid, or by a pid now reused by another process, is taken over")
    void defect10StaleLocksAreTakenOver() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        String host = hostname();
        Process dead = new ProcessBuilder(javaBinary(), "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadPid = dead.pid();
        Instant deadStart = dead.toHandle().info().startInstant().orElse(Instant.parse("2026-01-01T00:00:00Z"));
        dead.waitFor();
        writeLock(ws, deadPid, host, deadStart);
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertDoesNotThrow(runtime::startup);
            assertEquals(ProcessHandle.current().pid(), readLock(ws).path("owner_pid").asLong());
        }
        assertFalse(Files.exists(ws.paths.daemonLockFile()), "released on close");

        // A live pid whose process started at another time: the pid was reused.
        writeLock(ws, ProcessHandle.current().pid(), host, Instant.parse("2001-01-01T00:00:00Z"));
        try (MillraceRuntime runtime = ws.runtime(r)) {
            assertDoesNotThrow(runtime::startup);
            assertNotEquals("2001-01-01T00:00:00Z", readLock(ws).path("owner_started_at").asText());
        }
        // A live owner is respected.
        try (MillraceRuntime owner = ws.runtime(r)) {
            owner.startup();
            try (MillraceRuntime second = ws.runtime(r)) {
                assertThrows(ai.millrace.api.MillraceException.class, second::startup);
            }
        }
    }

    @Test
    @Timeout(60)
    @DisplayName("#16 the serial tick and the daemon claim work in the same order")
    void defect16SerialAndDaemonClaimInTheSameOrder(@TempDir Path other) throws Exception {
        EngineFixture serial = new EngineFixture(root);
        EngineFixture daemon = new EngineFixture(other);
        for (EngineFixture ws : List.of(serial, daemon)) {
            ws.queue(EngineFixture.task("task-b").toBuilder().createdAt(Instant.parse("2026-01-01T00:00:02Z")).build());
            ws.queue(EngineFixture.task("task-a").toBuilder().createdAt(Instant.parse("2026-01-01T00:00:03Z")).build());
            ws.queue(EngineFixture.task("task-c", "task-a"));
            ws.queue(EngineFixture.spec("spec-1"));
            ws.queue(IncidentDocument.builder().incidentId("inc-1").title("Incident").summary("broke")
                    .sourceStage(StageId.of("checker")).sourcePlane(Plane.EXECUTION).failureClass("checker_blocked")
                    .severity(IncidentSeverity.HIGH).triggerReason("checker_blocked")
                    .consultantDecision(IncidentDecision.NEEDS_PLANNING)
                    .openedAt(Instant.parse("2026-01-01T00:00:05Z")).openedBy("test").build());
        }
        try (MillraceRuntime runtime = serial.runtime(new ScriptRunner(EngineFixture.CLOCK, new Scripts()))) {
            runtime.runUntilIdle();
        }
        EventWaiter events = new EventWaiter();
        try (MillraceRuntime runtime = daemon.builder(new ScriptRunner(EngineFixture.CLOCK, new Scripts()))
                .listener(events).build()) {
            runtime.start();
            events.await(EventWaiter.stage("stage_completed", "updater"), 3, WAIT);
            runtime.stop();
            assertTrue(runtime.awaitTermination(WAIT));
        }
        List<String> serialOrder = claimed(serial);
        assertEquals(5, serialOrder.size());
        assertEquals(List.of("inc-1", "spec-1"), serialOrder.subList(0, 2), "planning first, incidents before specs");
        assertEquals(serialOrder, claimed(daemon));
    }

    private static List<String> claimed(EngineFixture ws) {
        return ws.events("work_item_claimed").stream().map(e -> EngineFixture.data(e).path("work_item_id").asText())
                .toList();
    }

    private static void writeLock(EngineFixture ws, long pid, String host, Instant started) throws Exception {
        DaemonLockRecord record = new DaemonLockRecord(ws.paths.workspaceRoot().toString(), pid, host,
                "0123456789abcdef0123456789abcdef", started, started, started);
        Files.write(ws.paths.daemonLockFile(), MillraceJson.writeBytes(record));
    }

    private static JsonNode readLock(EngineFixture ws) throws Exception {
        return MillraceJson.mapper().readTree(Files.readString(ws.paths.daemonLockFile()));
    }

    private static String hostname() {
        try {
            String name = java.net.InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "unknown-host" : name;
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
