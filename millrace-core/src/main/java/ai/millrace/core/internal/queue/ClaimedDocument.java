package ai.millrace.core.internal.queue;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.work.WorkDocument;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A document chosen by a claim, read from disk at the moment of the claim.
 *
 * @param kind the work item kind
 * @param document the parsed document
 * @param path where the file is now: in {@code active/} after a claim, still in the queue folder
 *     for a candidate that has not been moved yet
 */
public record ClaimedDocument(WorkItemKind kind, WorkDocument document, Path path) {
    /**
     * Validates.
     *
     * @param kind the kind
     * @param document the document
     * @param path the file
     */
    public ClaimedDocument {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(path, "path");
    }

    /** @return the document id */
    public String id() {
        return document.id();
    }
}
