package ai.millrace.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.workspace.QueueState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The daemon supervisor: plane concurrency, control commands during flight, and idle wake-ups. */
class DaemonSchedulingTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    /** Replays stage_started/stage_completed in log order and returns every set of planes in flight. */
    private static List<Set<Plane>> inFlightSets(List<RuntimeEvent> events) {
        List<Set<Plane>> sets = new ArrayList<>();
        Map<Plane, Integer> open = new HashMap<>();
        for (RuntimeEvent e : events) {
            if (!e.eventType().equals("stage_started") && !e.eventType().equals("stage_completed")
                    && !e.eventType().equals("stage_result_discarded")) {
                continue;
            }
            Plane plane = Plane.of((String) e.data().get("plane"));
            if (e.eventType().equals("stage_started")) {
                open.merge(plane, 1, Integer::sum);
                assertEquals(1, open.get(plane), "at most one stage per plane");
            } else {
                open.merge(plane, -1, Integer::sum);
            }
            EnumSet<Plane> now = EnumSet.noneOf(Plane.class);
            open.forEach((p, n) -> {
                if (n > 0) {
                    now.add(p);
                }
            });
            sets.add(now);
        }
        return sets;
    }

    @Test
    @Timeout(60)
    @DisplayName("learning_codex: a learning stage runs beside an execution stage; planning never beside execution")
    void learningModeRunsLearningBesideExecution() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ws.queue(EngineFixture.task("task-2"));
        ws.queue(EngineFixture.learningRequest("learn-1", null));
        CountDownLatch builderStarted = new CountDownLatch(1);
        CountDownLatch analystStarted = new CountDownLatch(1);
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts()
                .then("builder", q -> {
                    builderStarted.countDown();
                    await(analystStarted); // only returns if the analyst runs at the same time
                    return "### BUILDER_COMPLETE";
                })
                .then("analyst", q -> {
                    analystStarted.countDown();
                    await(builderStarted);
                    return "### ANALYST_COMPLETE";
                }));
        EventWaiter events = new EventWaiter();
        try (MillraceRuntime runtime = ws.builder(r).mode("learning_codex").listener(events).build()) {
            runtime.start();
            events.await(EventWaiter.stage("stage_completed", "builder"), WAIT);
            runtime.addSpec(EngineFixture.spec("spec-1")); // must wait for the execution plane to drain
            events.await(EventWaiter.stage("stage_completed", "curator"), WAIT);
            events.await(EventWaiter.stage("stage_completed", "manager"), WAIT);
            events.await(EventWaiter.stage("stage_completed", "updater"), 2, WAIT);
            runtime.stop();
            assertTrue(runtime.awaitTermination(WAIT));
            assertTrue(runtime.plan().concurrencyPolicy() != null);
        }
        List<Set<Plane>> sets = inFlightSets(events.events());
        assertTrue(sets.contains(EnumSet.of(Plane.EXECUTION, Plane.LEARNING)), "learning overlapped execution: " + sets);
        for (Set<Plane> s : sets) {
            assertFalse(s.containsAll(EnumSet.of(Plane.PLANNING, Plane.EXECUTION)), "planning beside execution: " + sets);
        }
        // The spec was claimed only when no execution item was active.
        List<String> claims = events.events().stream().filter(EventWaiter.type("work_item_claimed"))
                .map(e -> (String) e.data().get("work_item_id")).toList();
        assertTrue(claims.indexOf("spec-1") > claims.indexOf("task-1"));
        assertEquals(List.of("task-1", "task-2"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of("spec-1"), ws.ids(WorkItemKind.SPEC, QueueState.DONE));
        assertEquals(List.of("learn-1"), ws.ids(WorkItemKind.LEARNING_REQUEST, QueueState.DONE));
    }

    @Test
    @Timeout(60)
    @DisplayName("default_codex: one stage at a time, whatever is queued")
    void defaultModeIsSerial() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ws.queue(EngineFixture.task("task-2"));
        ws.queue(EngineFixture.spec("spec-1"));
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        EventWaiter events = new EventWaiter();
        try (MillraceRuntime runtime = ws.builder(r).mode("default_codex").listener(events).build()) {
            runtime.start();
            events.await(EventWaiter.stage("stage_completed", "updater"), 2, WAIT);
            runtime.stop();
            assertTrue(runtime.awaitTermination(WAIT));
        }
        List<Set<Plane>> sets = inFlightSets(events.events());
        // planner, manager and the arbiter closing spec-1 (tasks outside its lineage wait), then the tasks.
        assertEquals(18, sets.size(), "9 stages started and completed");
        for (Set<Plane> s : sets) {
            assertTrue(s.size() <= 1, "serial: " + sets);
        }
        assertEquals(List.of("planner", "manager", "arbiter", "builder", "checker", "updater", "builder", "checker",
                "updater"), r.stages());
    }

    @Test
    @Timeout(60)
    @DisplayName("control commands arriving while a worker is in flight never crash the daemon")
    void controlCommandsDuringFlight() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        Gate gate = new Gate();
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts().then("checker", q -> {
            gate.pass();
            return "### CHECKER_PASS";
        }));
        EventWaiter events = new EventWaiter();
        try (MillraceRuntime runtime = ws.builder(r).listener(events).build()) {
            runtime.start();
            gate.awaitEntered();
            runtime.pause();
            runtime.resume();
            runtime.reloadConfig();
            runtime.retryActive(Plane.PLANNING); // no planning run: nothing to do
            runtime.addTask(EngineFixture.task("task-2"));
            runtime.addSpec(EngineFixture.spec("spec-1"));
            runtime.addIdea("idea-1.md", "# An idea\n\nMake it faster.\n");
            runtime.addTask(EngineFixture.task("task-2")); // duplicate id: archived as failed, no crash
            gate.release();
            events.await(EventWaiter.stage("stage_completed", "updater"), 2, WAIT);
            events.await(EventWaiter.stage("stage_completed", "manager"), WAIT);
            events.await(EventWaiter.type("runtime_config_reloaded"), WAIT);
            runtime.stop();
            assertTrue(runtime.awaitTermination(WAIT)); // rethrows whatever ended the daemon
        }
        assertEquals(List.of("task-1", "task-2"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        // The idea the command dropped may itself have become a root spec and run meanwhile.
        assertTrue(ws.ids(WorkItemKind.SPEC, QueueState.DONE).contains("spec-1"));
        assertTrue(Files.exists(ws.paths.ideasInboxDir().resolve("idea-1.md")));
        assertEquals(7, Files.list(ws.paths.mailboxProcessedDir()).count());
        assertEquals(1, Files.list(ws.paths.mailboxFailedDir()).count());
        assertEquals(List.of(), Files.list(ws.paths.mailboxIncomingDir()).toList());
    }

    @Test
    @Timeout(30)
    @DisplayName("an idle daemon wakes at once on a mailbox command or a dropped work file (idle sleep 60 s)")
    void idleWaitWakesAtOnce() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.config("[runtime]\ndefault_mode = \"default_codex\"\nrun_style = \"daemon\"\nidle_sleep_seconds = 60\n");
        ScriptRunner r = new ScriptRunner(EngineFixture.CLOCK, new Scripts());
        EventWaiter events = new EventWaiter();
        try (MillraceRuntime runtime = ws.builder(r).listener(events).build();
                MillraceRuntime otherProcess = ws.builder(r).build()) { // never started: only writes the mailbox
            runtime.start();
            events.await(EventWaiter.type("runtime_tick_idle"), WAIT);
            long t0 = System.nanoTime();
            // A command from outside this runtime object: only the file watch can wake the daemon.
            otherProcess.addTask(EngineFixture.task("task-1"));
            events.await(EventWaiter.stage("stage_completed", "updater"), Duration.ofSeconds(10));
            long mailboxWake = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            events.await(EventWaiter.type("runtime_tick_idle"), 2, WAIT);
            // A work file dropped straight into the queue folder.
            long t1 = System.nanoTime();
            Files.writeString(ws.paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, "task-2"),
                    WorkDocumentMarkdown.render(EngineFixture.task("task-2")));
            events.await(EventWaiter.stage("stage_completed", "updater"), 2, Duration.ofSeconds(10));
            long fileWake = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
            // An in-process control call.
            long t2 = System.nanoTime();
            runtime.pause();
            events.await(e -> e.eventType().equals("runtime_tick_idle") && "paused".equals(e.data().get("reason")),
                    Duration.ofSeconds(10));
            long pauseWake = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t2);
            runtime.stop();
            assertTrue(runtime.awaitTermination(Duration.ofSeconds(10)), "stop wakes the idle wait too");
            assertTrue(mailboxWake < 10_000 && fileWake < 10_000 && pauseWake < 10_000,
                    mailboxWake + " " + fileWake + " " + pauseWake);
        }
        assertEquals(List.of("task-1", "task-2"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other plane's stage never started alongside");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
