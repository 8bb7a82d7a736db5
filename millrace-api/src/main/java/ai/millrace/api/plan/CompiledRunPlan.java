package ai.millrace.api.plan;

import ai.millrace.api.Plane;
import ai.millrace.api.WireKind;
import ai.millrace.api.asset.ConcurrencyPolicy;
import ai.millrace.api.asset.LearningTriggerRule;
import ai.millrace.api.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The plan a run executes: compiled once from a mode, its graph loops and stage kinds, and
 * frozen. Persisted at {@code state/compiled_plan.json}, so a run can always be explained from
 * one file.
 *
 * @param compiledPlanId {@code plan-<mode>-<12 hex>}, a hash of the materialized structure
 * @param compileInputFingerprint fingerprints of the inputs
 * @param modeId the mode id
 * @param loopIdsByPlane loop id per plane, in mode order
 * @param executionLoopId the execution loop id
 * @param planningLoopId the planning loop id
 * @param learningLoopId the learning loop id; null without a learning plane
 * @param graphsByPlane graph per plane, in mode order
 * @param executionGraph the execution graph
 * @param planningGraph the planning graph
 * @param learningGraph the learning graph; may be null
 * @param concurrencyPolicy the concurrency policy; null means serial
 * @param learningTriggerRules learning trigger rules
 * @param compiledAt when it was compiled
 * @param resolvedAssets the assets it was compiled from
 * @param sourceRefs logical ids of the sources
 */
@WireKind("compiled_run_plan")
public record CompiledRunPlan(
        String compiledPlanId,
        CompileInputFingerprint compileInputFingerprint,
        String modeId,
        Map<Plane, String> loopIdsByPlane,
        String executionLoopId,
        String planningLoopId,
        String learningLoopId,
        Map<Plane, FrozenGraphPlanePlan> graphsByPlane,
        FrozenGraphPlanePlan executionGraph,
        FrozenGraphPlanePlan planningGraph,
        FrozenGraphPlanePlan learningGraph,
        ConcurrencyPolicy concurrencyPolicy,
        List<LearningTriggerRule> learningTriggerRules,
        Instant compiledAt,
        List<ResolvedAssetRef> resolvedAssets,
        List<String> sourceRefs) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param compiledPlanId {@code plan-<mode>-<12 hex>}, a hash of the materialized structure
     * @param compileInputFingerprint fingerprints of the inputs
     * @param modeId the mode id
     * @param loopIdsByPlane loop id per plane, in mode order
     * @param executionLoopId the execution loop id
     * @param planningLoopId the planning loop id
     * @param learningLoopId the learning loop id; null without a learning plane
     * @param graphsByPlane graph per plane, in mode order
     * @param executionGraph the execution graph
     * @param planningGraph the planning graph
     * @param learningGraph the learning graph; may be null
     * @param concurrencyPolicy the concurrency policy; null means serial
     * @param learningTriggerRules learning trigger rules
     * @param compiledAt when it was compiled
     * @param resolvedAssets the assets it was compiled from
     * @param sourceRefs logical ids of the sources
     */
    public CompiledRunPlan {
        Objects.requireNonNull(compiledPlanId, "compiled_plan_id is required");
        Objects.requireNonNull(compileInputFingerprint, "compile_input_fingerprint is required");
        Objects.requireNonNull(modeId, "mode_id is required");
        loopIdsByPlane = Copies.map(loopIdsByPlane);
        Objects.requireNonNull(executionLoopId, "execution_loop_id is required");
        Objects.requireNonNull(planningLoopId, "planning_loop_id is required");
        graphsByPlane = Copies.map(graphsByPlane);
        Objects.requireNonNull(executionGraph, "execution_graph is required");
        Objects.requireNonNull(planningGraph, "planning_graph is required");
        learningTriggerRules = Copies.list(learningTriggerRules);
        Objects.requireNonNull(compiledAt, "compiled_at is required");
        resolvedAssets = Copies.list(resolvedAssets);
        sourceRefs = Copies.list(sourceRefs);
    }

    /**
     * Returns the graph of a plane.
     *
     * @param plane the plane
     * @return the graph, or null when the plan has no such plane
     */
    public FrozenGraphPlanePlan graph(Plane plane) {
        return graphsByPlane.get(plane);
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
        b.compiledPlanId = compiledPlanId;
        b.compileInputFingerprint = compileInputFingerprint;
        b.modeId = modeId;
        b.loopIdsByPlane = loopIdsByPlane;
        b.executionLoopId = executionLoopId;
        b.planningLoopId = planningLoopId;
        b.learningLoopId = learningLoopId;
        b.graphsByPlane = graphsByPlane;
        b.executionGraph = executionGraph;
        b.planningGraph = planningGraph;
        b.learningGraph = learningGraph;
        b.concurrencyPolicy = concurrencyPolicy;
        b.learningTriggerRules = learningTriggerRules;
        b.compiledAt = compiledAt;
        b.resolvedAssets = resolvedAssets;
        b.sourceRefs = sourceRefs;
        return b;
    }

    /**
     * Builds a {@link CompiledRunPlan}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String compiledPlanId;
        private CompileInputFingerprint compileInputFingerprint;
        private String modeId;
        private Map<Plane, String> loopIdsByPlane;
        private String executionLoopId;
        private String planningLoopId;
        private String learningLoopId;
        private Map<Plane, FrozenGraphPlanePlan> graphsByPlane;
        private FrozenGraphPlanePlan executionGraph;
        private FrozenGraphPlanePlan planningGraph;
        private FrozenGraphPlanePlan learningGraph;
        private ConcurrencyPolicy concurrencyPolicy;
        private List<LearningTriggerRule> learningTriggerRules;
        private Instant compiledAt;
        private List<ResolvedAssetRef> resolvedAssets;
        private List<String> sourceRefs;

        private Builder() {
        }

        /**
         * Sets {@code compiled_plan_id}.
         *
         * @param compiledPlanId {@code plan-<mode>-<12 hex>}, a hash of the materialized structure
         * @return this builder
         */
        public Builder compiledPlanId(String compiledPlanId) {
            this.compiledPlanId = compiledPlanId;
            return this;
        }

        /**
         * Sets {@code compile_input_fingerprint}.
         *
         * @param compileInputFingerprint fingerprints of the inputs
         * @return this builder
         */
        public Builder compileInputFingerprint(CompileInputFingerprint compileInputFingerprint) {
            this.compileInputFingerprint = compileInputFingerprint;
            return this;
        }

        /**
         * Sets {@code mode_id}.
         *
         * @param modeId the mode id
         * @return this builder
         */
        public Builder modeId(String modeId) {
            this.modeId = modeId;
            return this;
        }

        /**
         * Sets {@code loop_ids_by_plane}.
         *
         * @param loopIdsByPlane loop id per plane, in mode order
         * @return this builder
         */
        public Builder loopIdsByPlane(Map<Plane, String> loopIdsByPlane) {
            this.loopIdsByPlane = loopIdsByPlane;
            return this;
        }

        /**
         * Sets {@code execution_loop_id}.
         *
         * @param executionLoopId the execution loop id
         * @return this builder
         */
        public Builder executionLoopId(String executionLoopId) {
            this.executionLoopId = executionLoopId;
            return this;
        }

        /**
         * Sets {@code planning_loop_id}.
         *
         * @param planningLoopId the planning loop id
         * @return this builder
         */
        public Builder planningLoopId(String planningLoopId) {
            this.planningLoopId = planningLoopId;
            return this;
        }

        /**
         * Sets {@code learning_loop_id}.
         *
         * @param learningLoopId the learning loop id; null without a learning plane
         * @return this builder
         */
        public Builder learningLoopId(String learningLoopId) {
            this.learningLoopId = learningLoopId;
            return this;
        }

        /**
         * Sets {@code graphs_by_plane}.
         *
         * @param graphsByPlane graph per plane, in mode order
         * @return this builder
         */
        public Builder graphsByPlane(Map<Plane, FrozenGraphPlanePlan> graphsByPlane) {
            this.graphsByPlane = graphsByPlane;
            return this;
        }

        /**
         * Sets {@code execution_graph}.
         *
         * @param executionGraph the execution graph
         * @return this builder
         */
        public Builder executionGraph(FrozenGraphPlanePlan executionGraph) {
            this.executionGraph = executionGraph;
            return this;
        }

        /**
         * Sets {@code planning_graph}.
         *
         * @param planningGraph the planning graph
         * @return this builder
         */
        public Builder planningGraph(FrozenGraphPlanePlan planningGraph) {
            this.planningGraph = planningGraph;
            return this;
        }

        /**
         * Sets {@code learning_graph}.
         *
         * @param learningGraph the learning graph; may be null
         * @return this builder
         */
        public Builder learningGraph(FrozenGraphPlanePlan learningGraph) {
            this.learningGraph = learningGraph;
            return this;
        }

        /**
         * Sets {@code concurrency_policy}.
         *
         * @param concurrencyPolicy the concurrency policy; null means serial
         * @return this builder
         */
        public Builder concurrencyPolicy(ConcurrencyPolicy concurrencyPolicy) {
            this.concurrencyPolicy = concurrencyPolicy;
            return this;
        }

        /**
         * Sets {@code learning_trigger_rules}.
         *
         * @param learningTriggerRules learning trigger rules
         * @return this builder
         */
        public Builder learningTriggerRules(List<LearningTriggerRule> learningTriggerRules) {
            this.learningTriggerRules = learningTriggerRules;
            return this;
        }

        /**
         * Sets {@code compiled_at}.
         *
         * @param compiledAt when it was compiled
         * @return this builder
         */
        public Builder compiledAt(Instant compiledAt) {
            this.compiledAt = compiledAt;
            return this;
        }

        /**
         * Sets {@code resolved_assets}.
         *
         * @param resolvedAssets the assets it was compiled from
         * @return this builder
         */
        public Builder resolvedAssets(List<ResolvedAssetRef> resolvedAssets) {
            this.resolvedAssets = resolvedAssets;
            return this;
        }

        /**
         * Sets {@code source_refs}.
         *
         * @param sourceRefs logical ids of the sources
         * @return this builder
         */
        public Builder sourceRefs(List<String> sourceRefs) {
            this.sourceRefs = sourceRefs;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public CompiledRunPlan build() {
            return new CompiledRunPlan(compiledPlanId, compileInputFingerprint, modeId, loopIdsByPlane, executionLoopId, planningLoopId, learningLoopId, graphsByPlane, executionGraph, planningGraph, learningGraph, concurrencyPolicy, learningTriggerRules, compiledAt, resolvedAssets, sourceRefs);
        }
    }
}
