package ai.millrace.core;

/**
 * What a control request did, in the original's {@code key: value} vocabulary.
 *
 * @param action the action, such as {@code pause}
 * @param mode {@code direct} when applied to the workspace at once, {@code mailbox} when queued for the owning daemon
 * @param applied whether the change took effect now
 * @param detail a human-readable explanation
 * @param commandId the mailbox command id, or null in direct mode
 * @param mailboxPath the mailbox file, or null in direct mode
 * @param artifactPath a file the command created (a queued document, an idea), or null
 */
public record ControlResult(String action, String mode, boolean applied, String detail, String commandId,
        String mailboxPath, String artifactPath) {
}
