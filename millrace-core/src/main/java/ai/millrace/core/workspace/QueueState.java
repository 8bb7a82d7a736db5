package ai.millrace.core.workspace;

import ai.millrace.api.WorkItemKind;

/**
 * The four states of a queued work document, each a folder. Incidents name two of them
 * differently: {@code incoming} for queued and {@code resolved} for done.
 */
public enum QueueState {
    /** Waiting to be claimed ({@code queue}, or {@code incoming} for incidents). */
    QUEUED,
    /** Claimed and being worked on ({@code active}). */
    ACTIVE,
    /** Finished ({@code done}, or {@code resolved} for incidents). */
    DONE,
    /** Blocked ({@code blocked}). */
    BLOCKED;

    /**
     * Returns the folder name of this state for a kind.
     *
     * @param kind the work item kind
     * @return the folder name
     */
    public String folderFor(WorkItemKind kind) {
        boolean incident = kind == WorkItemKind.INCIDENT;
        switch (this) {
            case QUEUED:
                return incident ? "incoming" : "queue";
            case ACTIVE:
                return "active";
            case DONE:
                return incident ? "resolved" : "done";
            case BLOCKED:
                return "blocked";
            default:
                throw new AssertionError(this);
        }
    }
}
