package ai.millrace.api.config;

import ai.millrace.api.StageId;
import ai.millrace.api.internal.Copies;
import java.util.Map;
import java.util.Objects;

/**
 * The whole {@code millrace.toml}, with every default filled in. Immutable; build a changed copy
 * with {@link #toBuilder()}. The core module reads it from TOML and reports bad keys with the file
 * and key path.
 *
 * @param runtime the {@code [runtime]} table
 * @param runners the {@code [runners]} table
 * @param recovery the {@code [recovery]} table
 * @param watchers the {@code [watchers]} table
 * @param usageGovernance the {@code [usage_governance]} table
 * @param stages the {@code [stages.<stage>]} tables
 */
public record MillraceConfig(
        RuntimeConfig runtime,
        RunnersConfig runners,
        RecoveryConfig recovery,
        WatchersConfig watchers,
        UsageGovernanceConfig usageGovernance,
        Map<StageId, StageConfig> stages) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param runtime the {@code [runtime]} table
     * @param runners the {@code [runners]} table
     * @param recovery the {@code [recovery]} table
     * @param watchers the {@code [watchers]} table
     * @param usageGovernance the {@code [usage_governance]} table
     * @param stages the {@code [stages.<stage>]} tables
     */
    public MillraceConfig {
        Objects.requireNonNull(runtime, "runtime is required");
        Objects.requireNonNull(runners, "runners is required");
        Objects.requireNonNull(recovery, "recovery is required");
        Objects.requireNonNull(watchers, "watchers is required");
        Objects.requireNonNull(usageGovernance, "usage_governance is required");
        stages = Copies.map(stages);
    }

    /**
     * Returns the configuration used when {@code millrace.toml} sets nothing.
     *
     * @return the defaults
     */
    public static MillraceConfig defaults() {
        return builder().build();
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
        b.runtime = runtime;
        b.runners = runners;
        b.recovery = recovery;
        b.watchers = watchers;
        b.usageGovernance = usageGovernance;
        b.stages = stages;
        return b;
    }

    /**
     * Builds a {@link MillraceConfig}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private RuntimeConfig runtime = RuntimeConfig.defaults();
        private RunnersConfig runners = RunnersConfig.defaults();
        private RecoveryConfig recovery = RecoveryConfig.defaults();
        private WatchersConfig watchers = WatchersConfig.defaults();
        private UsageGovernanceConfig usageGovernance = UsageGovernanceConfig.defaults();
        private Map<StageId, StageConfig> stages;

        private Builder() {
        }

        /**
         * Sets {@code runtime}.
         *
         * @param runtime the {@code [runtime]} table
         * @return this builder
         */
        public Builder runtime(RuntimeConfig runtime) {
            this.runtime = runtime;
            return this;
        }

        /**
         * Sets {@code runners}.
         *
         * @param runners the {@code [runners]} table
         * @return this builder
         */
        public Builder runners(RunnersConfig runners) {
            this.runners = runners;
            return this;
        }

        /**
         * Sets {@code recovery}.
         *
         * @param recovery the {@code [recovery]} table
         * @return this builder
         */
        public Builder recovery(RecoveryConfig recovery) {
            this.recovery = recovery;
            return this;
        }

        /**
         * Sets {@code watchers}.
         *
         * @param watchers the {@code [watchers]} table
         * @return this builder
         */
        public Builder watchers(WatchersConfig watchers) {
            this.watchers = watchers;
            return this;
        }

        /**
         * Sets {@code usage_governance}.
         *
         * @param usageGovernance the {@code [usage_governance]} table
         * @return this builder
         */
        public Builder usageGovernance(UsageGovernanceConfig usageGovernance) {
            this.usageGovernance = usageGovernance;
            return this;
        }

        /**
         * Sets {@code stages}.
         *
         * @param stages the {@code [stages.<stage>]} tables
         * @return this builder
         */
        public Builder stages(Map<StageId, StageConfig> stages) {
            this.stages = stages;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public MillraceConfig build() {
            return new MillraceConfig(runtime, runners, recovery, watchers, usageGovernance, stages);
        }
    }
}
