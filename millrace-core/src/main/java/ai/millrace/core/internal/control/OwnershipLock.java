package ai.millrace.core.internal.control;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The daemon ownership lock {@code state/runtime_daemon.lock.json}: one owner per workspace.
 *
 * <p>{@link #acquire(String)} creates the file exclusively. If it exists, the recorded owner is
 * checked: on this host, a pid that is not running, or that now belongs to a process started at
 * another time (pid reuse), is stale; on another host, whose processes cannot be seen, the lock is
 * stale only when its heartbeat is older than the lease. A stale lock is taken over: re-read,
 * and replaced atomically only if unchanged. A live owner makes acquisition fail fast with
 * {@link ErrorCode#WORKSPACE_LOCKED} naming its pid, host and start time. Acquisition runs under
 * the {@link ControlFileLock}, so two starters never both take over the same stale lock.
 *
 * <p>The owner should call {@link #heartbeat(OwnershipLease)} periodically (well within the
 * lease). Thread-safe; holds no state besides configuration.
 */
public final class OwnershipLock {
    private static final Pattern SESSION = Pattern.compile("^[0-9a-f]{32}$");

    private final WorkspacePaths paths;
    private final AtomicFiles files;
    private final Clock clock;
    private final Duration remoteLease;

    /**
     * Creates the lock of a workspace.
     *
     * @param paths the workspace
     * @param files the write strategy
     * @param clock stamps acquisition and heartbeats
     * @param remoteLease how old a heartbeat from another host must be before its lock is stale
     */
    public OwnershipLock(WorkspacePaths paths, AtomicFiles files, Clock clock, Duration remoteLease) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.remoteLease = Objects.requireNonNull(remoteLease, "remoteLease");
    }

    /** @return the lock file */
    public Path file() {
        return paths.daemonLockFile();
    }

    /**
     * Takes ownership of the workspace for this process.
     *
     * @param sessionId this session's id, 32 lower-case hex digits
     * @return the lease
     * @throws MillraceException WORKSPACE_LOCKED when a live process owns the workspace;
     *     WORKSPACE_INVALID when the lock file is unreadable
     */
    @SuppressWarnings("try") // the control lock is held for the whole block
    public OwnershipLease acquire(String sessionId) {
        if (!SESSION.matcher(sessionId).matches()) {
            throw new IllegalArgumentException("session id must be 32 lower-case hex digits: " + sessionId);
        }
        DaemonLockRecord mine = new DaemonLockRecord(paths.workspaceRoot().toString(), ProcessProbe.currentPid(),
                ProcessProbe.hostname(), sessionId, clock.instant(), ProcessProbe.currentStart(), clock.instant());
        byte[] bytes = MillraceJson.writeBytes(mine);
        try (ControlFileLock control = ControlFileLock.acquire(paths)) {
            for (int attempt = 0; attempt < 3; attempt++) {
                if (files.createExclusive(file(), bytes)) {
                    return new OwnershipLease(sessionId, mine, null);
                }
                LockInspection found = inspect();
                switch (found.status()) {
                    case ACTIVE:
                        throw new MillraceException(ErrorCode.WORKSPACE_LOCKED, found.detail()
                                + "; stop that runtime first (or wait for it to exit)");
                    case INVALID:
                        throw new MillraceException(ErrorCode.WORKSPACE_INVALID, found.detail()
                                + "; run clear-stale-state to repair the ownership lock, then start again");
                    case STALE:
                        if (Arrays.equals(readRaw().orElse(null), found.raw())) {
                            files.write(file(), bytes);
                            return new OwnershipLease(sessionId, mine, found.detail());
                        }
                        break;
                    case ABSENT:
                    default:
                        break;
                }
            }
        }
        throw new MillraceException(ErrorCode.WORKSPACE_LOCKED,
                "the ownership lock " + file() + " kept changing while starting; another runtime is starting, try again");
    }

    /**
     * Reads and judges the lock.
     *
     * @return the inspection
     */
    public LockInspection inspect() {
        Optional<byte[]> raw = readRaw();
        if (raw.isEmpty()) {
            return new LockInspection(LockStatus.ABSENT, null, null, "no runtime owns " + paths.workspaceRoot());
        }
        DaemonLockRecord record;
        try {
            record = MillraceJson.read(new String(raw.get(), java.nio.charset.StandardCharsets.UTF_8),
                    DaemonLockRecord.class, file().toString());
        } catch (MillraceException e) {
            return invalid(raw.get(), "runtime ownership lock " + file() + " is unreadable: " + e.detail());
        }
        if (record.ownerPid() == null || record.ownerPid() <= 0 || blank(record.ownerHostname())
                || blank(record.ownerSessionId()) || blank(record.workspaceRoot()) || record.acquiredAt() == null) {
            return invalid(raw.get(), "runtime ownership lock " + file()
                    + " lacks owner_pid, owner_hostname, owner_session_id, workspace_root or acquired_at");
        }
        if (!Path.of(record.workspaceRoot()).toAbsolutePath().normalize().equals(paths.workspaceRoot())) {
            return invalid(raw.get(), "runtime ownership lock references a different workspace root ("
                    + record.workspaceRoot() + ")");
        }
        String who = "pid=" + record.ownerPid() + " host=" + record.ownerHostname() + " session="
                + record.ownerSessionId() + " started="
                + (record.ownerStartedAt() == null ? "unknown" : record.ownerStartedAt().toString());
        if (!record.ownerHostname().equals(ProcessProbe.hostname())) {
            Instant beat = record.heartbeatAt();
            if (beat != null && beat.plus(remoteLease).isBefore(clock.instant())) {
                return new LockInspection(LockStatus.STALE, record, raw.get(), "workspace runtime ownership lock is stale: "
                        + who + " has not refreshed it since " + beat);
            }
            return new LockInspection(LockStatus.ACTIVE, record, raw.get(),
                    "workspace runtime ownership lock is already held by " + who + " (another host)");
        }
        Optional<Optional<Instant>> live = ProcessProbe.liveStart(record.ownerPid());
        if (live.isEmpty()) {
            return new LockInspection(LockStatus.STALE, record, raw.get(),
                    "workspace runtime ownership lock is stale: pid=" + record.ownerPid() + " is not running (" + who + ")");
        }
        if (record.ownerStartedAt() != null && live.get().isPresent()
                && !ProcessProbe.sameStart(record.ownerStartedAt(), live.get().get())) {
            return new LockInspection(LockStatus.STALE, record, raw.get(),
                    "workspace runtime ownership lock is stale: pid=" + record.ownerPid()
                            + " now belongs to a process started at " + live.get().get() + " (" + who + ")");
        }
        return new LockInspection(LockStatus.ACTIVE, record, raw.get(),
                "workspace runtime ownership lock is already held by " + who);
    }

    /**
     * Refreshes the heartbeat of a lock this process owns.
     *
     * @param lease the lease
     * @throws MillraceException WORKSPACE_LOCKED when the lock no longer belongs to this session
     */
    public void heartbeat(OwnershipLease lease) {
        LockInspection now = inspect();
        if (now.record() == null || !lease.sessionId().equals(now.record().ownerSessionId())) {
            throw new MillraceException(ErrorCode.WORKSPACE_LOCKED, "this runtime (session " + lease.sessionId()
                    + ") no longer owns " + paths.workspaceRoot() + ": " + now.detail() + "; stop and restart it");
        }
        DaemonLockRecord r = now.record();
        files.write(file(), MillraceJson.writeBytes(new DaemonLockRecord(r.workspaceRoot(), r.ownerPid(),
                r.ownerHostname(), r.ownerSessionId(), r.acquiredAt(), r.ownerStartedAt(), clock.instant())));
    }

    /**
     * Releases the lock if this session owns it.
     *
     * @param sessionId the session id
     * @return true if the lock file was deleted
     */
    @SuppressWarnings("try") // the control lock is held for the whole block
    public boolean release(String sessionId) {
        try (ControlFileLock control = ControlFileLock.acquire(paths)) {
            LockInspection now = inspect();
            if (now.record() != null && sessionId.equals(now.record().ownerSessionId())) {
                return files.delete(file());
            }
            return false;
        }
    }

    /**
     * Deletes the lock whoever owns it (after a failed start of this session).
     *
     * @return true if it existed
     */
    @SuppressWarnings("try") // the control lock is held for the whole block
    public boolean forceRelease() {
        try (ControlFileLock control = ControlFileLock.acquire(paths)) {
            return files.delete(file());
        }
    }

    /**
     * Removes a stale or invalid lock; keeps a live owner's.
     *
     * @return what was done
     */
    @SuppressWarnings("try") // the control lock is held for the whole block
    public ClearStaleOutcome clearStale() {
        try (ControlFileLock control = ControlFileLock.acquire(paths)) {
            LockInspection now = inspect();
            switch (now.status()) {
                case ABSENT:
                    return ClearStaleOutcome.MISSING;
                case ACTIVE:
                    return ClearStaleOutcome.ACTIVE_OWNER;
                case STALE:
                    files.delete(file());
                    return ClearStaleOutcome.CLEARED_STALE;
                case INVALID:
                default:
                    files.delete(file());
                    return ClearStaleOutcome.CLEARED_INVALID;
            }
        }
    }

    private LockInspection invalid(byte[] raw, String detail) {
        return new LockInspection(LockStatus.INVALID, null, raw, detail);
    }

    private Optional<byte[]> readRaw() {
        try {
            return Optional.of(Files.readAllBytes(file()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot read " + file() + ": " + e.getMessage(), e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
