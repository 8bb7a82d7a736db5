package ai.millrace.api.asset;

import ai.millrace.api.Plane;
import ai.millrace.api.WireKind;
import ai.millrace.api.internal.Copies;
import java.util.List;
import java.util.Objects;

/**
 * A graph loop: the nodes, edges, entries and terminal states of one plane
 * ({@code graphs/<plane>/<name>.json}).
 *
 * @param loopId the canonical loop id, such as {@code execution.standard}
 * @param plane the plane
 * @param nodes nodes (at least one)
 * @param edges edges (at least one)
 * @param entryNodes entries (at least one)
 * @param terminalStates terminal states (at least one)
 * @param dynamicPolicies resume and threshold policies; may be null
 * @param completionBehavior closure behaviour; may be null
 */
@WireKind("graph_loop")
public record GraphLoopDefinition(
        String loopId,
        Plane plane,
        List<GraphNode> nodes,
        List<GraphEdge> edges,
        List<GraphEntry> entryNodes,
        List<TerminalState> terminalStates,
        DynamicPolicies dynamicPolicies,
        CompletionBehavior completionBehavior) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param loopId the canonical loop id, such as {@code execution.standard}
     * @param plane the plane
     * @param nodes nodes (at least one)
     * @param edges edges (at least one)
     * @param entryNodes entries (at least one)
     * @param terminalStates terminal states (at least one)
     * @param dynamicPolicies resume and threshold policies; may be null
     * @param completionBehavior closure behaviour; may be null
     */
    public GraphLoopDefinition {
        Objects.requireNonNull(loopId, "loop_id is required");
        Objects.requireNonNull(plane, "plane is required");
        nodes = Copies.list(nodes);
        edges = Copies.list(edges);
        entryNodes = Copies.list(entryNodes);
        terminalStates = Copies.list(terminalStates);
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
        b.loopId = loopId;
        b.plane = plane;
        b.nodes = nodes;
        b.edges = edges;
        b.entryNodes = entryNodes;
        b.terminalStates = terminalStates;
        b.dynamicPolicies = dynamicPolicies;
        b.completionBehavior = completionBehavior;
        return b;
    }

    /**
     * Builds a {@link GraphLoopDefinition}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String loopId;
        private Plane plane;
        private List<GraphNode> nodes;
        private List<GraphEdge> edges;
        private List<GraphEntry> entryNodes;
        private List<TerminalState> terminalStates;
        private DynamicPolicies dynamicPolicies;
        private CompletionBehavior completionBehavior;

        private Builder() {
        }

        /**
         * Sets {@code loop_id}.
         *
         * @param loopId the canonical loop id, such as {@code execution.standard}
         * @return this builder
         */
        public Builder loopId(String loopId) {
            this.loopId = loopId;
            return this;
        }

        /**
         * Sets {@code plane}.
         *
         * @param plane the plane
         * @return this builder
         */
        public Builder plane(Plane plane) {
            this.plane = plane;
            return this;
        }

        /**
         * Sets {@code nodes}.
         *
         * @param nodes nodes (at least one)
         * @return this builder
         */
        public Builder nodes(List<GraphNode> nodes) {
            this.nodes = nodes;
            return this;
        }

        /**
         * Sets {@code edges}.
         *
         * @param edges edges (at least one)
         * @return this builder
         */
        public Builder edges(List<GraphEdge> edges) {
            this.edges = edges;
            return this;
        }

        /**
         * Sets {@code entry_nodes}.
         *
         * @param entryNodes entries (at least one)
         * @return this builder
         */
        public Builder entryNodes(List<GraphEntry> entryNodes) {
            this.entryNodes = entryNodes;
            return this;
        }

        /**
         * Sets {@code terminal_states}.
         *
         * @param terminalStates terminal states (at least one)
         * @return this builder
         */
        public Builder terminalStates(List<TerminalState> terminalStates) {
            this.terminalStates = terminalStates;
            return this;
        }

        /**
         * Sets {@code dynamic_policies}.
         *
         * @param dynamicPolicies resume and threshold policies; may be null
         * @return this builder
         */
        public Builder dynamicPolicies(DynamicPolicies dynamicPolicies) {
            this.dynamicPolicies = dynamicPolicies;
            return this;
        }

        /**
         * Sets {@code completion_behavior}.
         *
         * @param completionBehavior closure behaviour; may be null
         * @return this builder
         */
        public Builder completionBehavior(CompletionBehavior completionBehavior) {
            this.completionBehavior = completionBehavior;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public GraphLoopDefinition build() {
            return new GraphLoopDefinition(loopId, plane, nodes, edges, entryNodes, terminalStates, dynamicPolicies, completionBehavior);
        }
    }
}
