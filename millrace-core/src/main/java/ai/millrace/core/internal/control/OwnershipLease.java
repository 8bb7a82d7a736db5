package ai.millrace.core.internal.control;

import java.util.Objects;

/**
 * Proof of ownership returned by {@link OwnershipLock#acquire(String)}.
 *
 * @param sessionId this owner's session id
 * @param record the lock as written
 * @param replacedStaleOwner the detail of the stale lock that was taken over, or null when the
 *     workspace was free
 */
public record OwnershipLease(String sessionId, DaemonLockRecord record, String replacedStaleOwner) {
    /**
     * Validates.
     *
     * @param sessionId the session id
     * @param record the record
     * @param replacedStaleOwner the replaced lock's detail or null
     */
    public OwnershipLease {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(record, "record");
    }
}
