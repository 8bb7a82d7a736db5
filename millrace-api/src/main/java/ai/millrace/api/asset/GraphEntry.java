package ai.millrace.api.asset;

import java.util.Objects;

/**
 * Where a kind of work enters a graph loop.
 *
 * @param entryKey the kind of work
 * @param nodeId the entry node
 */
public record GraphEntry(
        GraphLoopEntryKey entryKey,
        String nodeId) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param entryKey the kind of work
     * @param nodeId the entry node
     */
    public GraphEntry {
        Objects.requireNonNull(entryKey, "entry_key is required");
        Objects.requireNonNull(nodeId, "node_id is required");
    }
}
