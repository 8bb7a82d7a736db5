package ai.millrace.core.internal.journal;

import java.util.List;

/**
 * What a journal replay found and did.
 *
 * @param rolledForward names and ids ({@code name/txn}) of the intents completed
 * @param tornTailBytes bytes cut from a torn last line (an intent never fully written: rolled back)
 * @param unreadable diagnostics of journal lines that could not be read, skipped
 */
public record ReplayReport(List<String> rolledForward, long tornTailBytes, List<String> unreadable) {
    /**
     * Copies.
     *
     * @param rolledForward the intents completed
     * @param tornTailBytes the bytes cut
     * @param unreadable the skipped lines
     */
    public ReplayReport {
        rolledForward = List.copyOf(rolledForward);
        unreadable = List.copyOf(unreadable);
    }
}
