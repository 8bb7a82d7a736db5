package ai.millrace.core.internal.control;

/** What {@link OwnershipLock#clearStale()} did, with the original's wire names. */
public enum ClearStaleOutcome {
    /** There was no lock. */
    MISSING("missing"),
    /** A live owner holds the lock; it was kept. */
    ACTIVE_OWNER("active_owner"),
    /** A stale lock was removed. */
    CLEARED_STALE("cleared_stale"),
    /** An unreadable lock was removed. */
    CLEARED_INVALID("cleared_invalid");

    private final String wireName;

    ClearStaleOutcome(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name the CLI prints */
    public String wireName() {
        return wireName;
    }
}
