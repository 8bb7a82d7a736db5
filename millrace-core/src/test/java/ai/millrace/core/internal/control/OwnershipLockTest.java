package ai.millrace.core.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class OwnershipLockTest {
    private static final String S1 = "0123456789abcdef0123456789abcdef";
    private static final String S2 = "fedcba9876543210fedcba9876543210";

    @TempDir
    Path root;
    WorkspacePaths paths;

    @BeforeEach
    void setUp() {
        paths = Fixtures.workspace(root);
    }

    private OwnershipLock lock() {
        return new OwnershipLock(paths, AtomicFiles.DURABLE, Fixtures.CLOCK, Duration.ofMinutes(5));
    }

    private void fakeLock(long pid, String host, Instant started) {
        DaemonLockRecord r = new DaemonLockRecord(paths.workspaceRoot().toString(), pid, host, S2,
                Fixtures.T0, started, Fixtures.T0);
        Fixtures.write(paths.daemonLockFile(), MillraceJson.write(r));
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        return p.pid();
    }

    @Test
    void acquireWritesTheOwnerAndReleaseDeletesOnlyOwnSession() {
        OwnershipLease lease = lock().acquire(S1);
        assertNull(lease.replacedStaleOwner());
        DaemonLockRecord r = lock().inspect().record();
        assertEquals(ProcessHandle.current().pid(), r.ownerPid());
        assertEquals(S1, r.ownerSessionId());
        assertEquals(paths.workspaceRoot().toString(), r.workspaceRoot());
        assertEquals(ProcessHandle.current().info().startInstant().orElse(null), r.ownerStartedAt());
        assertEquals(LockStatus.ACTIVE, lock().inspect().status());
        assertFalse(lock().release(S2));
        assertTrue(lock().release(S1));
        assertEquals(LockStatus.ABSENT, lock().inspect().status());
    }

    @Test
    void secondOwnerFailsFastNamingPidHostAndStartTime() {
        lock().acquire(S1);
        MillraceException e = assertThrows(MillraceException.class, () -> lock().acquire(S2));
        assertEquals(ErrorCode.WORKSPACE_LOCKED, e.errorCode());
        String pid = Long.toString(ProcessHandle.current().pid());
        assertTrue(e.detail().contains("pid=" + pid) && e.detail().contains("host=") && e.detail().contains("started=20"),
                e.detail());
    }

    @Test
    void concurrentStartsLeaveExactlyOneOwner() throws Exception {
        int n = 6;
        CountDownLatch go = new CountDownLatch(1);
        List<String> winners = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> losers = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String session = String.format("%032x", i + 1);
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    winners.add(lock().acquire(session).sessionId());
                } catch (Throwable e) {
                    losers.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, winners.size(), "winners: " + winners);
        assertEquals(n - 1, losers.size());
        losers.forEach(e -> assertEquals(ErrorCode.WORKSPACE_LOCKED, ((MillraceException) e).errorCode()));
        assertEquals(winners.get(0), lock().inspect().record().ownerSessionId());
    }

    @Test
    void lockOfADeadProcessIsTakenOver() throws Exception {
        long dead = deadPid();
        fakeLock(dead, ProcessProbe.hostname(), Fixtures.T0);
        LockInspection found = lock().inspect();
        assertEquals(LockStatus.STALE, found.status());
        assertTrue(found.detail().contains("pid=" + dead + " is not running"), found.detail());
        OwnershipLease lease = lock().acquire(S1);
        assertTrue(lease.replacedStaleOwner().contains("pid=" + dead), lease.replacedStaleOwner());
        assertEquals(S1, lock().inspect().record().ownerSessionId());
    }

    @Test
    void livePidWithAnotherStartTimeIsAReusedPidAndStale() {
        long me = ProcessHandle.current().pid();
        fakeLock(me, ProcessProbe.hostname(), Instant.parse("2001-01-01T00:00:00Z"));
        LockInspection found = lock().inspect();
        assertEquals(LockStatus.STALE, found.status());
        assertTrue(found.detail().contains("now belongs to a process started at"), found.detail());
        assertEquals(S1, lock().acquire(S1).record().ownerSessionId());
    }

    @Test
    void livePidWithItsOwnStartTimeIsActive() {
        fakeLock(ProcessHandle.current().pid(), ProcessProbe.hostname(), ProcessProbe.currentStart());
        assertEquals(LockStatus.ACTIVE, lock().inspect().status());
        assertThrows(MillraceException.class, () -> lock().acquire(S1));
        assertEquals(S2, lock().inspect().record().ownerSessionId(), "a refused start leaves the owner's lock alone");
    }

    @Test
    void remoteHostIsActiveUntilItsHeartbeatIsOlderThanTheLease() throws Exception {
        fakeLock(deadPid(), "some-other-host", Fixtures.T0);
        assertEquals(LockStatus.ACTIVE, lock().inspect().status(), "heartbeat is as new as the clock");
        OwnershipLock later = new OwnershipLock(paths, AtomicFiles.DURABLE,
                java.time.Clock.fixed(Fixtures.T0.plus(Duration.ofMinutes(6)), java.time.ZoneOffset.UTC), Duration.ofMinutes(5));
        assertEquals(LockStatus.STALE, later.inspect().status());
    }

    @Test
    void heartbeatRefreshesOwnLockAndFailsWhenOwnershipIsLost() {
        OwnershipLock ticking = new OwnershipLock(paths, AtomicFiles.DURABLE,
                java.time.Clock.fixed(Fixtures.T0.plusSeconds(30), java.time.ZoneOffset.UTC), Duration.ofMinutes(5));
        OwnershipLease lease = lock().acquire(S1);
        ticking.heartbeat(lease);
        assertEquals(Fixtures.T0.plusSeconds(30), lock().inspect().record().heartbeatAt());
        assertEquals(Fixtures.T0, lock().inspect().record().acquiredAt());
        lock().forceRelease();
        MillraceException e = assertThrows(MillraceException.class, () -> ticking.heartbeat(lease));
        assertEquals(ErrorCode.WORKSPACE_LOCKED, e.errorCode());
    }

    @Test
    void invalidLockIsRefusedUntilCleared() throws Exception {
        Fixtures.write(paths.daemonLockFile(), "{\"owner_pid\": ");
        MillraceException e = assertThrows(MillraceException.class, () -> lock().acquire(S1));
        assertEquals(ErrorCode.WORKSPACE_INVALID, e.errorCode());
        assertTrue(e.detail().contains("clear-stale-state"), e.detail());
        assertEquals(ClearStaleOutcome.CLEARED_INVALID, lock().clearStale());
        assertEquals(ClearStaleOutcome.MISSING, lock().clearStale());
        lock().acquire(S1);
        assertEquals(ClearStaleOutcome.ACTIVE_OWNER, lock().clearStale());
        fakeLock(deadPid(), ProcessProbe.hostname(), null);
        assertEquals(ClearStaleOutcome.CLEARED_STALE, lock().clearStale());
        assertFalse(Files.exists(paths.daemonLockFile()));
    }

    @Test
    void lockForAnotherWorkspaceIsInvalid() {
        DaemonLockRecord r = new DaemonLockRecord("/elsewhere", ProcessHandle.current().pid(), ProcessProbe.hostname(), S2,
                Fixtures.T0, null, null);
        Fixtures.write(paths.daemonLockFile(), MillraceJson.write(r));
        LockInspection found = lock().inspect();
        assertEquals(LockStatus.INVALID, found.status());
        assertTrue(found.detail().contains("different workspace root (/elsewhere)"), found.detail());
    }

    /** Another process owns the workspace and holds the control lock; then it dies without cleaning up. */
    @Test
    @Timeout(60)
    @SuppressWarnings("try")
    void ownerInAnotherProcessIsRefusedThenTakenOverWhenKilled() throws Exception {
        Process child = Fixtures.childJvm(LockHolderChild.class, root.toString(), S2).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("owned", in.readLine());
            // A starting daemon would wait here for the child's control lock; only probe it.
            assertTrue(ControlFileLock.tryAcquire(paths).isEmpty(), "the child holds the control lock");
            child.getOutputStream().write('\n');
            child.getOutputStream().flush();
            assertEquals("released control lock", in.readLine());
            MillraceException e = assertThrows(MillraceException.class, () -> lock().acquire(S1));
            assertEquals(ErrorCode.WORKSPACE_LOCKED, e.errorCode());
            assertTrue(e.detail().contains("pid=" + child.pid()), e.detail());
            try (ControlFileLock held = ControlFileLock.acquire(paths)) {
                assertTrue(ControlFileLock.tryAcquire(paths).isPresent(), "reentrant for the holding thread");
            }
            child.toHandle().destroyForcibly();
            child.waitFor();
        }
        OwnershipLease lease = lock().acquire(S1);
        assertTrue(lease.replacedStaleOwner().contains("pid=" + child.pid()), lease.replacedStaleOwner());
    }

    @Test
    @SuppressWarnings("try")
    void controlLockExcludesOtherThreads() throws Exception {
        try (ControlFileLock held = ControlFileLock.acquire(paths)) {
            Thread other = new Thread(() -> assertTrue(ControlFileLock.tryAcquire(paths).isEmpty()));
            List<Throwable> failures = new ArrayList<>();
            other.setUncaughtExceptionHandler((t, e) -> failures.add(e));
            other.start();
            other.join();
            assertEquals(List.of(), failures);
        }
        Thread after = new Thread(() -> ControlFileLock.tryAcquire(paths).orElseThrow().close());
        after.start();
        after.join();
    }
}
