package ai.millrace.core.engine;

import ai.millrace.core.internal.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.internal.control.DaemonLockRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An open runtime keeps its ownership lock fresh, and stops writing once it has lost it. */
class OwnershipHeartbeatTest {
    @TempDir
    Path root;

    private static DaemonLockRecord lock(EngineFixture ws) {
        return MillraceJson.read(ws.paths.daemonLockFile(), DaemonLockRecord.class);
    }

    /** A started runtime over the workspace, on the clock. */
    private static MillraceRuntime started(EngineFixture ws, MutableClock clock) {
        MillraceRuntime runtime = ws.builder(ScriptRunner.happy(clock)).clock(clock).build();
        runtime.startup();
        return runtime;
    }

    @Test
    void aTickRefreshesTheHeartbeatOnceAQuarterOfTheLeaseHasPassed() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (MillraceRuntime runtime = started(ws, clock)) {
            Instant acquired = lock(ws).heartbeatAt();
            clock.advance(Duration.ofSeconds(10));
            runtime.tick();
            assertEquals(acquired, lock(ws).heartbeatAt(), "not due yet");
            clock.advance(Duration.ofSeconds(25));
            runtime.tick();
            assertEquals(clock.instant(), lock(ws).heartbeatAt());
        }
    }

    @Test
    void aRuntimeWhoseLockWasTakenOverStopsAndLeavesTheNewOwnersLock() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (MillraceRuntime runtime = started(ws, clock)) {
            DaemonLockRecord mine = lock(ws);
            DaemonLockRecord theirs = new DaemonLockRecord(mine.workspaceRoot(), mine.ownerPid(), mine.ownerHostname(),
                    "0123456789abcdef0123456789abcdef", mine.acquiredAt(), mine.ownerStartedAt(), mine.heartbeatAt());
            Files.writeString(ws.paths.daemonLockFile(), MillraceJson.write(theirs));
            clock.advance(Duration.ofMinutes(1));
            MillraceException e = assertThrows(MillraceException.class, runtime::tick);
            assertEquals(ErrorCode.WORKSPACE_LOCKED, e.errorCode());
            assertTrue(e.detail().contains("no longer owns"), e.detail());
            assertThrows(MillraceException.class, runtime::tick, "and on every tick after");
        }
        assertEquals("0123456789abcdef0123456789abcdef", lock(ws).ownerSessionId(), "closing left it alone");
    }
}
