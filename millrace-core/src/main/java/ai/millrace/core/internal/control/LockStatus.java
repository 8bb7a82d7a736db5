package ai.millrace.core.internal.control;

/** What the ownership lock file says about the workspace's owner. */
public enum LockStatus {
    /** No lock file: nobody owns the workspace. */
    ABSENT,
    /** A live process owns the workspace. */
    ACTIVE,
    /** The recorded owner is gone (or its pid now belongs to another process); safe to take over. */
    STALE,
    /** The lock file cannot be read or names another workspace. */
    INVALID
}
