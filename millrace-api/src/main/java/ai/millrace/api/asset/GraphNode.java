package ai.millrace.api.asset;

import ai.millrace.api.internal.Copies;
import java.util.List;
import java.util.Objects;

/**
 * A node of a graph loop: a stage kind, optionally with overrides.
 *
 * @param nodeId the canonical node id
 * @param stageKindId the stage kind it runs
 * @param entrypointPath an entrypoint override; may be null
 * @param attachedSkillAdditions skills attached to this node
 * @param runnerName a runner override; may be null
 * @param modelName a model override; may be null
 * @param timeoutSeconds a timeout override, at least 1; may be null
 */
public record GraphNode(
        String nodeId,
        String stageKindId,
        String entrypointPath,
        List<String> attachedSkillAdditions,
        String runnerName,
        String modelName,
        Integer timeoutSeconds) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param nodeId the canonical node id
     * @param stageKindId the stage kind it runs
     * @param entrypointPath an entrypoint override; may be null
     * @param attachedSkillAdditions skills attached to this node
     * @param runnerName a runner override; may be null
     * @param modelName a model override; may be null
     * @param timeoutSeconds a timeout override, at least 1; may be null
     */
    public GraphNode {
        Objects.requireNonNull(nodeId, "node_id is required");
        Objects.requireNonNull(stageKindId, "stage_kind_id is required");
        attachedSkillAdditions = Copies.list(attachedSkillAdditions);
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
        b.nodeId = nodeId;
        b.stageKindId = stageKindId;
        b.entrypointPath = entrypointPath;
        b.attachedSkillAdditions = attachedSkillAdditions;
        b.runnerName = runnerName;
        b.modelName = modelName;
        b.timeoutSeconds = timeoutSeconds;
        return b;
    }

    /**
     * Builds a {@link GraphNode}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String nodeId;
        private String stageKindId;
        private String entrypointPath;
        private List<String> attachedSkillAdditions;
        private String runnerName;
        private String modelName;
        private Integer timeoutSeconds;

        private Builder() {
        }

        /**
         * Sets {@code node_id}.
         *
         * @param nodeId the canonical node id
         * @return this builder
         */
        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /**
         * Sets {@code stage_kind_id}.
         *
         * @param stageKindId the stage kind it runs
         * @return this builder
         */
        public Builder stageKindId(String stageKindId) {
            this.stageKindId = stageKindId;
            return this;
        }

        /**
         * Sets {@code entrypoint_path}.
         *
         * @param entrypointPath an entrypoint override; may be null
         * @return this builder
         */
        public Builder entrypointPath(String entrypointPath) {
            this.entrypointPath = entrypointPath;
            return this;
        }

        /**
         * Sets {@code attached_skill_additions}.
         *
         * @param attachedSkillAdditions skills attached to this node
         * @return this builder
         */
        public Builder attachedSkillAdditions(List<String> attachedSkillAdditions) {
            this.attachedSkillAdditions = attachedSkillAdditions;
            return this;
        }

        /**
         * Sets {@code runner_name}.
         *
         * @param runnerName a runner override; may be null
         * @return this builder
         */
        public Builder runnerName(String runnerName) {
            this.runnerName = runnerName;
            return this;
        }

        /**
         * Sets {@code model_name}.
         *
         * @param modelName a model override; may be null
         * @return this builder
         */
        public Builder modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /**
         * Sets {@code timeout_seconds}.
         *
         * @param timeoutSeconds a timeout override, at least 1; may be null
         * @return this builder
         */
        public Builder timeoutSeconds(Integer timeoutSeconds) {
            this.timeoutSeconds = timeoutSeconds;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public GraphNode build() {
            return new GraphNode(nodeId, stageKindId, entrypointPath, attachedSkillAdditions, runnerName, modelName, timeoutSeconds);
        }
    }
}
