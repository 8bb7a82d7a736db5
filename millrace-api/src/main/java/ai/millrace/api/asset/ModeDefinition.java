package ai.millrace.api.asset;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WireKind;
import ai.millrace.api.internal.Copies;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A mode: which graph loop runs each plane, with per-stage bindings, a concurrency policy and
 * learning trigger rules ({@code modes/<mode_id>.json}).
 *
 * @param modeId the mode id
 * @param loopIdsByPlane loop id per plane (execution and planning at least)
 * @param stageEntrypointOverrides entrypoint overrides per stage
 * @param stageSkillAdditions skill additions per stage
 * @param stageModelBindings model per stage
 * @param stageRunnerBindings runner per stage
 * @param concurrencyPolicy the concurrency policy; may be null (serial)
 * @param learningTriggerRules learning trigger rules
 */
@WireKind("mode")
public record ModeDefinition(
        String modeId,
        Map<Plane, String> loopIdsByPlane,
        Map<StageId, String> stageEntrypointOverrides,
        Map<StageId, List<String>> stageSkillAdditions,
        Map<StageId, String> stageModelBindings,
        Map<StageId, String> stageRunnerBindings,
        ConcurrencyPolicy concurrencyPolicy,
        List<LearningTriggerRule> learningTriggerRules) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param modeId the mode id
     * @param loopIdsByPlane loop id per plane (execution and planning at least)
     * @param stageEntrypointOverrides entrypoint overrides per stage
     * @param stageSkillAdditions skill additions per stage
     * @param stageModelBindings model per stage
     * @param stageRunnerBindings runner per stage
     * @param concurrencyPolicy the concurrency policy; may be null (serial)
     * @param learningTriggerRules learning trigger rules
     */
    public ModeDefinition {
        Objects.requireNonNull(modeId, "mode_id is required");
        loopIdsByPlane = Copies.map(loopIdsByPlane);
        stageEntrypointOverrides = Copies.map(stageEntrypointOverrides);
        stageSkillAdditions = Copies.mapOfLists(stageSkillAdditions);
        stageModelBindings = Copies.map(stageModelBindings);
        stageRunnerBindings = Copies.map(stageRunnerBindings);
        learningTriggerRules = Copies.list(learningTriggerRules);
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
        b.modeId = modeId;
        b.loopIdsByPlane = loopIdsByPlane;
        b.stageEntrypointOverrides = stageEntrypointOverrides;
        b.stageSkillAdditions = stageSkillAdditions;
        b.stageModelBindings = stageModelBindings;
        b.stageRunnerBindings = stageRunnerBindings;
        b.concurrencyPolicy = concurrencyPolicy;
        b.learningTriggerRules = learningTriggerRules;
        return b;
    }

    /**
     * Builds a {@link ModeDefinition}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String modeId;
        private Map<Plane, String> loopIdsByPlane;
        private Map<StageId, String> stageEntrypointOverrides;
        private Map<StageId, List<String>> stageSkillAdditions;
        private Map<StageId, String> stageModelBindings;
        private Map<StageId, String> stageRunnerBindings;
        private ConcurrencyPolicy concurrencyPolicy;
        private List<LearningTriggerRule> learningTriggerRules;

        private Builder() {
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
         * @param loopIdsByPlane loop id per plane (execution and planning at least)
         * @return this builder
         */
        public Builder loopIdsByPlane(Map<Plane, String> loopIdsByPlane) {
            this.loopIdsByPlane = loopIdsByPlane;
            return this;
        }

        /**
         * Sets {@code stage_entrypoint_overrides}.
         *
         * @param stageEntrypointOverrides entrypoint overrides per stage
         * @return this builder
         */
        public Builder stageEntrypointOverrides(Map<StageId, String> stageEntrypointOverrides) {
            this.stageEntrypointOverrides = stageEntrypointOverrides;
            return this;
        }

        /**
         * Sets {@code stage_skill_additions}.
         *
         * @param stageSkillAdditions skill additions per stage
         * @return this builder
         */
        public Builder stageSkillAdditions(Map<StageId, List<String>> stageSkillAdditions) {
            this.stageSkillAdditions = stageSkillAdditions;
            return this;
        }

        /**
         * Sets {@code stage_model_bindings}.
         *
         * @param stageModelBindings model per stage
         * @return this builder
         */
        public Builder stageModelBindings(Map<StageId, String> stageModelBindings) {
            this.stageModelBindings = stageModelBindings;
            return this;
        }

        /**
         * Sets {@code stage_runner_bindings}.
         *
         * @param stageRunnerBindings runner per stage
         * @return this builder
         */
        public Builder stageRunnerBindings(Map<StageId, String> stageRunnerBindings) {
            this.stageRunnerBindings = stageRunnerBindings;
            return this;
        }

        /**
         * Sets {@code concurrency_policy}.
         *
         * @param concurrencyPolicy the concurrency policy; may be null (serial)
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
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public ModeDefinition build() {
            return new ModeDefinition(modeId, loopIdsByPlane, stageEntrypointOverrides, stageSkillAdditions, stageModelBindings, stageRunnerBindings, concurrencyPolicy, learningTriggerRules);
        }
    }
}
