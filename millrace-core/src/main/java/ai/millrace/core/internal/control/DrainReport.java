package ai.millrace.core.internal.control;

import java.util.List;

/**
 * What one drain of the mailbox did.
 *
 * @param processed the command ids applied and archived in {@code processed/}, in order
 * @param failed one line per command archived in {@code failed/}: file name and reason
 */
public record DrainReport(List<String> processed, List<String> failed) {
    /**
     * Copies.
     *
     * @param processed the processed ids
     * @param failed the failures
     */
    public DrainReport {
        processed = List.copyOf(processed);
        failed = List.copyOf(failed);
    }
}
