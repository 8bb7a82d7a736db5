package ai.millrace.core.internal.queue;

/**
 * What an idempotent move ({@link QueueStore#applyMove}) found and did.
 */
public enum MoveOutcome {
    /** The file was moved now. */
    MOVED,
    /** The file was already at the destination and not at the source: nothing to do. */
    ALREADY_DONE,
    /** The file is at neither place; reconciliation reports it. */
    MISSING,
    /** The file is at both places; reconciliation keeps one copy and quarantines the other. */
    CONFLICT
}
