package ai.millrace.api.asset;

import ai.millrace.api.TerminalResult;
import ai.millrace.api.internal.Copies;
import java.util.List;
import java.util.Objects;

/**
 * A transition of a graph loop: from a node, on some outcomes, to a node or a terminal state.
 *
 * @param edgeId the canonical edge id
 * @param fromNodeId the source node
 * @param toNodeId the target node; exactly one of this and {@code terminalStateId}
 * @param terminalStateId the target terminal state; exactly one of this and {@code toNodeId}
 * @param onOutcomes the outcomes that take this edge (at least one)
 * @param kind the edge kind; defaults to {@code normal}
 * @param priority the priority; defaults to 100 (informational)
 * @param description a description; may be null
 * @param maxAttempts attempts for retry edges; may be null
 */
public record GraphEdge(
        String edgeId,
        String fromNodeId,
        String toNodeId,
        String terminalStateId,
        List<TerminalResult> onOutcomes,
        GraphLoopEdgeKind kind,
        Integer priority,
        String description,
        Integer maxAttempts) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param edgeId the canonical edge id
     * @param fromNodeId the source node
     * @param toNodeId the target node; exactly one of this and {@code terminalStateId}
     * @param terminalStateId the target terminal state; exactly one of this and {@code toNodeId}
     * @param onOutcomes the outcomes that take this edge (at least one)
     * @param kind the edge kind; defaults to {@code normal}
     * @param priority the priority; defaults to 100 (informational)
     * @param description a description; may be null
     * @param maxAttempts attempts for retry edges; may be null
     */
    public GraphEdge {
        Objects.requireNonNull(edgeId, "edge_id is required");
        Objects.requireNonNull(fromNodeId, "from_node_id is required");
        onOutcomes = Copies.list(onOutcomes);
        kind = kind == null ? GraphLoopEdgeKind.NORMAL : kind;
        priority = priority == null ? Integer.valueOf(100) : priority;
    }

    /**
     * Returns an empty builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding every field of this value, to derive a changed copy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.edgeId = edgeId;
        b.fromNodeId = fromNodeId;
        b.toNodeId = toNodeId;
        b.terminalStateId = terminalStateId;
        b.onOutcomes = onOutcomes;
        b.kind = kind;
        b.priority = priority;
        b.description = description;
        b.maxAttempts = maxAttempts;
        return b;
    }

    /**
     * Builds a {@link GraphEdge}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String edgeId;
        private String fromNodeId;
        private String toNodeId;
        private String terminalStateId;
        private List<TerminalResult> onOutcomes;
        private GraphLoopEdgeKind kind;
        private Integer priority;
        private String description;
        private Integer maxAttempts;

        private Builder() {
        }

        /**
         * Sets {@code edge_id}.
         *
         * @param edgeId the canonical edge id
         * @return this builder
         */
        public Builder edgeId(String edgeId) {
            this.edgeId = edgeId;
            return this;
        }

        /**
         * Sets {@code from_node_id}.
         *
         * @param fromNodeId the source node
         * @return this builder
         */
        public Builder fromNodeId(String fromNodeId) {
            this.fromNodeId = fromNodeId;
            return this;
        }

        /**
         * Sets {@code to_node_id}.
         *
         * @param toNodeId the target node; exactly one of this and {@code terminalStateId}
         * @return this builder
         */
        public Builder toNodeId(String toNodeId) {
            this.toNodeId = toNodeId;
            return this;
        }

        /**
         * Sets {@code terminal_state_id}.
         *
         * @param terminalStateId the target terminal state; exactly one of this and {@code toNodeId}
         * @return this builder
         */
        public Builder terminalStateId(String terminalStateId) {
            this.terminalStateId = terminalStateId;
            return this;
        }

        /**
         * Sets {@code on_outcomes}.
         *
         * @param onOutcomes the outcomes that take this edge (at least one)
         * @return this builder
         */
        public Builder onOutcomes(List<TerminalResult> onOutcomes) {
            this.onOutcomes = onOutcomes;
            return this;
        }

        /**
         * Sets {@code kind}.
         *
         * @param kind the edge kind; defaults to {@code normal}
         * @return this builder
         */
        public Builder kind(GraphLoopEdgeKind kind) {
            this.kind = kind;
            return this;
        }

        /**
         * Sets {@code priority}.
         *
         * @param priority the priority; defaults to 100 (informational)
         * @return this builder
         */
        public Builder priority(Integer priority) {
            this.priority = priority;
            return this;
        }

        /**
         * Sets {@code description}.
         *
         * @param description a description; may be null
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Sets {@code max_attempts}.
         *
         * @param maxAttempts attempts for retry edges; may be null
         * @return this builder
         */
        public Builder maxAttempts(Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public GraphEdge build() {
            return new GraphEdge(edgeId, fromNodeId, toNodeId, terminalStateId, onOutcomes, kind, priority, description, maxAttempts);
        }
    }
}
