package ai.millrace.core.internal.closure;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.core.workspace.QueueState;
import java.util.Objects;

/**
 * One open task, spec or incident found by a {@link LineageScanner}.
 *
 * @param kind the work item kind
 * @param state the queue state (queued, active or blocked)
 * @param document the parsed document
 * @param path the document file, workspace-relative with forward slashes
 */
public record LineageItem(WorkItemKind kind, QueueState state, WorkDocument document, String path) {
    /**
     * Checks the fields.
     *
     * @param kind the work item kind
     * @param state the queue state
     * @param document the parsed document
     * @param path the workspace-relative path
     */
    public LineageItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(path, "path");
    }

    /**
     * Returns the document id.
     *
     * @return the id
     */
    public String id() {
        return document.id();
    }

    /**
     * Returns the effective root spec id (spec 02 section 4.2).
     *
     * @return the root, or null
     */
    public String effectiveRoot() {
        return Lineage.effectiveRootSpecId(document);
    }

    /**
     * Returns the state as the original names it: {@code queue}, {@code active} or {@code blocked}.
     *
     * @return the state name
     */
    public String stateName() {
        return state == QueueState.QUEUED ? "queue" : state.folderFor(kind);
    }
}
