package ai.millrace.core.internal.control;

import java.time.Instant;

/**
 * The content of {@code state/runtime_daemon.lock.json}: the original's five fields plus the
 * owner's process start time (to detect a reused pid) and a heartbeat. Fields are read as found;
 * {@link OwnershipLock} judges them.
 *
 * @param workspaceRoot the absolute workspace root the owner opened
 * @param ownerPid the owner's process id
 * @param ownerHostname the owner's host name
 * @param ownerSessionId the owner's session id (32 hex)
 * @param acquiredAt when the lock was taken
 * @param ownerStartedAt when the owner process started; null in locks written by the original
 * @param heartbeatAt when the owner last refreshed the lock; null in locks written by the original
 */
public record DaemonLockRecord(String workspaceRoot, Long ownerPid, String ownerHostname, String ownerSessionId,
        Instant acquiredAt, Instant ownerStartedAt, Instant heartbeatAt) {
}
