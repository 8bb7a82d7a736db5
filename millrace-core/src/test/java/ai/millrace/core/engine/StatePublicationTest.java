package ai.millrace.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.TickResult;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine holds the snapshot, markers, counters and dispatch records and publishes them: at
 * most once per publication interval while stages run back to back (every tick with an interval
 * of zero), at once when a tick is idle and when the runtime closes, and while a slow stage runs.
 */
class StatePublicationTest {
    @TempDir
    Path root;

    private EngineFixture oneTask() throws IOException {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        return ws;
    }

    private static MillraceRuntime happy(EngineFixture ws, Duration publishInterval) {
        return ws.builder(ScriptRunner.happy(EngineFixture.CLOCK)).statePublishInterval(publishInterval).build();
    }

    private static RuntimeSnapshot onDisk(EngineFixture ws) {
        return MillraceJson.read(ws.paths.snapshotFile(), RuntimeSnapshot.class);
    }

    private static String marker(EngineFixture ws) throws IOException {
        return Files.readString(ws.paths.statusFile(Plane.EXECUTION)).strip();
    }

    @Test
    void everyTickReturnsWithTheFilesMatchingTheRuntime() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        try (MillraceRuntime runtime = ws.runtime(ScriptRunner.happy(EngineFixture.CLOCK))) {
            for (String expected : new String[] {"### BUILDER_COMPLETE", "### CHECKER_PASS", "### IDLE"}) {
                TickResult r = runtime.tick();
                assertTrue(r.ranStage());
                assertEquals(runtime.snapshot(), onDisk(ws));
                assertEquals(expected, marker(ws));
                assertEquals(runtime.snapshot().executionStatusMarker(), marker(ws));
                assertFalse(Files.exists(ws.paths.stateDir().resolve("dispatch_execution.json")),
                        "a dispatch record written and settled in one tick never reaches the disk");
            }
        }
    }

    @Test
    void aSlowSerialStageHasItsRunningStatePublishedWhileItRuns() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        Gate gate = new Gate();
        ScriptRunner runner = new ScriptRunner(EngineFixture.CLOCK, r -> {
            gate.pass();
            return r.legalTerminalMarkers().get(0);
        });
        Path dispatch = ws.paths.stateDir().resolve("dispatch_execution.json");
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (MillraceRuntime runtime = ws.builder(runner).build()) { // the default interval
            Future<TickResult> tick = caller.submit(runtime::tick);
            gate.awaitEntered();
            awaitCondition(ws.paths.stateDir(), Duration.ofSeconds(20), () -> {
                try {
                    return "### BUILDER_RUNNING".equals(marker(ws)) && Files.exists(dispatch)
                            && onDisk(ws).activeRun(Plane.EXECUTION) != null;
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
            gate.release();
            assertTrue(tick.get(30, TimeUnit.SECONDS).ranStage());
            awaitCondition(ws.paths.stateDir(), Duration.ofSeconds(20), () -> {
                try {
                    return "### BUILDER_COMPLETE".equals(marker(ws)) && !Files.exists(dispatch);
                } catch (IOException e) {
                    return false;
                }
            });
        } finally {
            gate.release();
            caller.shutdownNow();
        }
    }

    @Test
    void backToBackStagesArePublishedOncePerIntervalAndAnIdleTickPublishesAtOnce() throws Exception {
        EngineFixture ws = oneTask();
        try (MillraceRuntime runtime = happy(ws, Duration.ofHours(1))) {
            runtime.startup(); // publishes
            for (int i = 0; i < 3; i++) {
                assertTrue(runtime.tick().ranStage());
                assertEquals("### IDLE", marker(ws), "within the interval nothing is rewritten");
            }
            assertTrue(runtime.snapshot().lastTerminalResult() != null);
            assertEquals(null, onDisk(ws).lastTerminalResult());
            assertFalse(runtime.tick().ranStage());
            assertEquals(runtime.snapshot(), onDisk(ws), "an idle tick publishes at once");
        }
    }

    @Test
    void aDeferredPublicationHappensWhenTheIntervalIsUp() throws Exception {
        EngineFixture ws = oneTask();
        try (MillraceRuntime runtime = happy(ws, Duration.ofMillis(300))) {
            runtime.startup();
            assertTrue(runtime.tick().ranStage());
            RuntimeSnapshot expected = runtime.snapshot();
            awaitCondition(ws.paths.stateDir(), Duration.ofSeconds(20), () -> {
                try {
                    return "### BUILDER_COMPLETE".equals(marker(ws)) && expected.equals(onDisk(ws));
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void closingPublishes() throws Exception {
        EngineFixture ws = oneTask();
        RuntimeSnapshot last;
        try (MillraceRuntime runtime = happy(ws, Duration.ofHours(1))) {
            assertTrue(runtime.tick().ranStage());
            last = runtime.snapshot();
        }
        assertEquals("### BUILDER_COMPLETE", marker(ws));
        assertEquals(last.activeRunsByPlane(), onDisk(ws).activeRunsByPlane());
        assertFalse(onDisk(ws).processRunning());
    }

    // Waits for a condition on files in a folder, woken by the folder's change events.
    private static void awaitCondition(Path dir, Duration timeout, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("condition not met within " + timeout);
                }
                WatchKey key = watch.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)), TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }
}
