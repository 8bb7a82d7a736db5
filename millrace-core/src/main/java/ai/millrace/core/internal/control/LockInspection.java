package ai.millrace.core.internal.control;

import java.util.Objects;

/**
 * The result of reading the ownership lock.
 *
 * @param status what the lock says
 * @param record the parsed lock, or null when absent or invalid
 * @param raw the file's bytes as read, or null when absent; a takeover replaces the file only if
 *     it still holds these bytes
 * @param detail a sentence for messages: who owns it, or what is wrong
 */
public record LockInspection(LockStatus status, DaemonLockRecord record, byte[] raw, String detail) {
    /**
     * Validates.
     *
     * @param status the status
     * @param record the record or null
     * @param raw the bytes or null
     * @param detail the detail
     */
    public LockInspection {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }
}
