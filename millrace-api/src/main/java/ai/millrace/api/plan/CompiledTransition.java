package ai.millrace.api.plan;

import ai.millrace.api.TerminalResult;
import ai.millrace.api.asset.GraphLoopEdgeKind;
import java.util.Objects;

/**
 * One (source node, outcome) pair of a compiled plan and where it leads. The router takes the
 * first entry that matches.
 *
 * @param edgeId the edge it came from
 * @param sourceNodeId the source node
 * @param outcome the outcome
 * @param targetNodeId the target node; exactly one of this and the terminal state
 * @param terminalStateId the terminal state; exactly one of this and the node
 * @param kind the edge kind
 * @param priority the priority (informational)
 * @param maxAttempts attempts for retry edges; may be null
 */
public record CompiledTransition(
        String edgeId,
        String sourceNodeId,
        TerminalResult outcome,
        String targetNodeId,
        String terminalStateId,
        GraphLoopEdgeKind kind,
        int priority,
        Integer maxAttempts) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param edgeId the edge it came from
     * @param sourceNodeId the source node
     * @param outcome the outcome
     * @param targetNodeId the target node; exactly one of this and the terminal state
     * @param terminalStateId the terminal state; exactly one of this and the node
     * @param kind the edge kind
     * @param priority the priority (informational)
     * @param maxAttempts attempts for retry edges; may be null
     */
    public CompiledTransition {
        Objects.requireNonNull(edgeId, "edge_id is required");
        Objects.requireNonNull(sourceNodeId, "source_node_id is required");
        Objects.requireNonNull(outcome, "outcome is required");
        Objects.requireNonNull(kind, "kind is required");
    }
}
