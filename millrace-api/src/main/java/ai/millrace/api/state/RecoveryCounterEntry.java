package ai.millrace.api.state;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import ai.millrace.api.WorkItemKind;
import java.time.Instant;
import java.util.Objects;

/**
 * Recovery counts of one work item for one failure class. Entries live for one activation of the
 * item and are deleted when it is done, blocked or handed off.
 *
 * @param failureClass the normalized failure class
 * @param workItemId the work item id
 * @param workItemKind the work item kind
 * @param troubleshootAttemptCount troubleshooter runs for this class
 * @param mechanicAttemptCount mechanic runs for this class
 * @param fixCycleCount fix cycles
 * @param consultantInvocations consultant runs
 * @param lastUpdatedAt when the entry last changed
 */
public record RecoveryCounterEntry(
        String failureClass,
        String workItemId,
        WorkItemKind workItemKind,
        int troubleshootAttemptCount,
        int mechanicAttemptCount,
        int fixCycleCount,
        int consultantInvocations,
        Instant lastUpdatedAt) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param failureClass the normalized failure class
     * @param workItemId the work item id
     * @param workItemKind the work item kind
     * @param troubleshootAttemptCount troubleshooter runs for this class
     * @param mechanicAttemptCount mechanic runs for this class
     * @param fixCycleCount fix cycles
     * @param consultantInvocations consultant runs
     * @param lastUpdatedAt when the entry last changed
     */
    public RecoveryCounterEntry {
        Identifiers.requireText("failure_class", failureClass);
        Identifiers.requireSafeId("work_item_id", workItemId);
        Objects.requireNonNull(workItemKind, "work_item_kind is required");
        if (troubleshootAttemptCount < 0) {
            throw new ContractViolationException("troubleshoot_attempt_count must be >= 0 (got " + troubleshootAttemptCount + ")");
        }
        if (mechanicAttemptCount < 0) {
            throw new ContractViolationException("mechanic_attempt_count must be >= 0 (got " + mechanicAttemptCount + ")");
        }
        if (fixCycleCount < 0) {
            throw new ContractViolationException("fix_cycle_count must be >= 0 (got " + fixCycleCount + ")");
        }
        if (consultantInvocations < 0) {
            throw new ContractViolationException("consultant_invocations must be >= 0 (got " + consultantInvocations + ")");
        }
        Objects.requireNonNull(lastUpdatedAt, "last_updated_at is required");
    }
}
