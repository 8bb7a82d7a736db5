package ai.millrace.api.plan;

import ai.millrace.api.Plane;
import ai.millrace.api.asset.CompletionBehavior;
import ai.millrace.api.asset.GraphEdge;
import ai.millrace.api.asset.GraphEntry;
import ai.millrace.api.asset.ResumePolicy;
import ai.millrace.api.asset.TerminalState;
import ai.millrace.api.asset.ThresholdPolicy;
import ai.millrace.api.internal.Copies;
import java.util.List;
import java.util.Objects;

/**
 * The compiled graph of one plane, frozen for the run.
 *
 * @param loopId the loop id
 * @param plane the plane
 * @param nodes materialized nodes in graph order
 * @param entryNodes entries as declared
 * @param transitions edges as declared
 * @param compiledEntries compiled entries
 * @param compiledCompletionEntry the closure entry; may be null
 * @param compiledTransitions edges flattened per outcome
 * @param compiledResumePolicies resume policies
 * @param compiledThresholdPolicies threshold policies with configured limits
 * @param terminalStates terminal states
 * @param completionBehavior completion behaviour; may be null
 */
public record FrozenGraphPlanePlan(
        String loopId,
        Plane plane,
        List<MaterializedGraphNodePlan> nodes,
        List<GraphEntry> entryNodes,
        List<GraphEdge> transitions,
        List<CompiledEntry> compiledEntries,
        CompiledCompletionEntry compiledCompletionEntry,
        List<CompiledTransition> compiledTransitions,
        List<ResumePolicy> compiledResumePolicies,
        List<ThresholdPolicy> compiledThresholdPolicies,
        List<TerminalState> terminalStates,
        CompletionBehavior completionBehavior) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param loopId the loop id
     * @param plane the plane
     * @param nodes materialized nodes in graph order
     * @param entryNodes entries as declared
     * @param transitions edges as declared
     * @param compiledEntries compiled entries
     * @param compiledCompletionEntry the closure entry; may be null
     * @param compiledTransitions edges flattened per outcome
     * @param compiledResumePolicies resume policies
     * @param compiledThresholdPolicies threshold policies with configured limits
     * @param terminalStates terminal states
     * @param completionBehavior completion behaviour; may be null
     */
    public FrozenGraphPlanePlan {
        Objects.requireNonNull(loopId, "loop_id is required");
        Objects.requireNonNull(plane, "plane is required");
        nodes = Copies.list(nodes);
        entryNodes = Copies.list(entryNodes);
        transitions = Copies.list(transitions);
        compiledEntries = Copies.list(compiledEntries);
        compiledTransitions = Copies.list(compiledTransitions);
        compiledResumePolicies = Copies.list(compiledResumePolicies);
        compiledThresholdPolicies = Copies.list(compiledThresholdPolicies);
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
        b.entryNodes = entryNodes;
        b.transitions = transitions;
        b.compiledEntries = compiledEntries;
        b.compiledCompletionEntry = compiledCompletionEntry;
        b.compiledTransitions = compiledTransitions;
        b.compiledResumePolicies = compiledResumePolicies;
        b.compiledThresholdPolicies = compiledThresholdPolicies;
        b.terminalStates = terminalStates;
        b.completionBehavior = completionBehavior;
        return b;
    }

    /**
     * Builds a {@link FrozenGraphPlanePlan}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String loopId;
        private Plane plane;
        private List<MaterializedGraphNodePlan> nodes;
        private List<GraphEntry> entryNodes;
        private List<GraphEdge> transitions;
        private List<CompiledEntry> compiledEntries;
        private CompiledCompletionEntry compiledCompletionEntry;
        private List<CompiledTransition> compiledTransitions;
        private List<ResumePolicy> compiledResumePolicies;
        private List<ThresholdPolicy> compiledThresholdPolicies;
        private List<TerminalState> terminalStates;
        private CompletionBehavior completionBehavior;

        private Builder() {
        }

        /**
         * Sets {@code loop_id}.
         *
         * @param loopId the loop id
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
         * @param nodes materialized nodes in graph order
         * @return this builder
         */
        public Builder nodes(List<MaterializedGraphNodePlan> nodes) {
            this.nodes = nodes;
            return this;
        }

        /**
         * Sets {@code entry_nodes}.
         *
         * @param entryNodes entries as declared
         * @return this builder
         */
        public Builder entryNodes(List<GraphEntry> entryNodes) {
            this.entryNodes = entryNodes;
            return this;
        }

        /**
         * Sets {@code transitions}.
         *
         * @param transitions edges as declared
         * @return this builder
         */
        public Builder transitions(List<GraphEdge> transitions) {
            this.transitions = transitions;
            return this;
        }

        /**
         * Sets {@code compiled_entries}.
         *
         * @param compiledEntries compiled entries
         * @return this builder
         */
        public Builder compiledEntries(List<CompiledEntry> compiledEntries) {
            this.compiledEntries = compiledEntries;
            return this;
        }

        /**
         * Sets {@code compiled_completion_entry}.
         *
         * @param compiledCompletionEntry the closure entry; may be null
         * @return this builder
         */
        public Builder compiledCompletionEntry(CompiledCompletionEntry compiledCompletionEntry) {
            this.compiledCompletionEntry = compiledCompletionEntry;
            return this;
        }

        /**
         * Sets {@code compiled_transitions}.
         *
         * @param compiledTransitions edges flattened per outcome
         * @return this builder
         */
        public Builder compiledTransitions(List<CompiledTransition> compiledTransitions) {
            this.compiledTransitions = compiledTransitions;
            return this;
        }

        /**
         * Sets {@code compiled_resume_policies}.
         *
         * @param compiledResumePolicies resume policies
         * @return this builder
         */
        public Builder compiledResumePolicies(List<ResumePolicy> compiledResumePolicies) {
            this.compiledResumePolicies = compiledResumePolicies;
            return this;
        }

        /**
         * Sets {@code compiled_threshold_policies}.
         *
         * @param compiledThresholdPolicies threshold policies with configured limits
         * @return this builder
         */
        public Builder compiledThresholdPolicies(List<ThresholdPolicy> compiledThresholdPolicies) {
            this.compiledThresholdPolicies = compiledThresholdPolicies;
            return this;
        }

        /**
         * Sets {@code terminal_states}.
         *
         * @param terminalStates terminal states
         * @return this builder
         */
        public Builder terminalStates(List<TerminalState> terminalStates) {
            this.terminalStates = terminalStates;
            return this;
        }

        /**
         * Sets {@code completion_behavior}.
         *
         * @param completionBehavior completion behaviour; may be null
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
        public FrozenGraphPlanePlan build() {
            return new FrozenGraphPlanePlan(loopId, plane, nodes, entryNodes, transitions, compiledEntries, compiledCompletionEntry, compiledTransitions, compiledResumePolicies, compiledThresholdPolicies, terminalStates, completionBehavior);
        }
    }
}
