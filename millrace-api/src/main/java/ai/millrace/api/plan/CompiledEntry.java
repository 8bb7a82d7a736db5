package ai.millrace.api.plan;

import ai.millrace.api.Plane;
import ai.millrace.api.asset.GraphLoopEntryKey;
import java.util.Objects;

/**
 * A compiled entry: which node a kind of work starts at.
 *
 * @param entryKey the kind of work
 * @param nodeId the node
 * @param stageKindId the node's stage kind
 * @param plane the plane
 */
public record CompiledEntry(
        GraphLoopEntryKey entryKey,
        String nodeId,
        String stageKindId,
        Plane plane) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param entryKey the kind of work
     * @param nodeId the node
     * @param stageKindId the node's stage kind
     * @param plane the plane
     */
    public CompiledEntry {
        Objects.requireNonNull(entryKey, "entry_key is required");
        Objects.requireNonNull(nodeId, "node_id is required");
        Objects.requireNonNull(stageKindId, "stage_kind_id is required");
        Objects.requireNonNull(plane, "plane is required");
    }
}
