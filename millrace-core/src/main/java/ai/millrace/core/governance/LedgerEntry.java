package ai.millrace.core.governance;

import ai.millrace.api.Identifiers;
import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.TokenUsage;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the usage ledger {@code state/usage_governance_ledger.jsonl}: the token usage of
 * one stage result, counted once. Immutable.
 *
 * @param dedupeKey the stage request id; a second entry with the same key is ignored
 * @param countedAt when the entry was appended
 * @param stageCompletedAt when the stage ended; windows are selected on this time
 * @param plane the plane the stage ran on
 * @param runId the run (work-item activation) the stage belonged to
 * @param stageId the stage id, such as {@code builder}
 * @param workItemKind the kind of the work item; may be null
 * @param workItemId the work item id; may be null
 * @param tokenUsage the usage, never null
 * @param stageResultPath the stage result file relative to the workspace; may be null
 * @param daemonSessionId the runtime session that ran the stage; may be null (offline)
 */
public record LedgerEntry(
        String dedupeKey,
        Instant countedAt,
        Instant stageCompletedAt,
        Plane plane,
        String runId,
        String stageId,
        WorkItemKind workItemKind,
        String workItemId,
        TokenUsage tokenUsage,
        String stageResultPath,
        String daemonSessionId) {

    /**
     * Validates the required fields.
     *
     * @param dedupeKey the stage request id
     * @param countedAt when the entry was appended
     * @param stageCompletedAt when the stage ended
     * @param plane the plane
     * @param runId the run id
     * @param stageId the stage id
     * @param workItemKind the work item kind; may be null
     * @param workItemId the work item id; may be null
     * @param tokenUsage the usage
     * @param stageResultPath the stage result path; may be null
     * @param daemonSessionId the session id; may be null
     */
    public LedgerEntry {
        Identifiers.requireText("dedupe_key", dedupeKey);
        Objects.requireNonNull(countedAt, "counted_at is required");
        Objects.requireNonNull(stageCompletedAt, "stage_completed_at is required");
        Identifiers.requireText("run_id", runId);
        Objects.requireNonNull(tokenUsage, "token_usage is required");
    }
}
