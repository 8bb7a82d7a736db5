package ai.millrace.core.internal.journal;

import java.util.List;

/**
 * What start-up recovery found and repaired, one human-readable line per repair.
 *
 * @param tempFilesDeleted stray temp files of interrupted atomic writes that were deleted
 * @param replay what the journal replay did
 * @param repairs the repairs of queue folders and snapshot, in the order made
 */
public record ReconciliationReport(List<String> tempFilesDeleted, ReplayReport replay, List<String> repairs) {
    /**
     * Copies.
     *
     * @param tempFilesDeleted the deleted temp files
     * @param replay the replay report
     * @param repairs the repairs
     */
    public ReconciliationReport {
        tempFilesDeleted = List.copyOf(tempFilesDeleted);
        repairs = List.copyOf(repairs);
    }

    /**
     * Tells whether anything had to be repaired.
     *
     * @return true when the workspace was already consistent
     */
    public boolean clean() {
        return tempFilesDeleted.isEmpty() && replay.rolledForward().isEmpty() && replay.tornTailBytes() == 0
                && replay.unreadable().isEmpty() && repairs.isEmpty();
    }
}
