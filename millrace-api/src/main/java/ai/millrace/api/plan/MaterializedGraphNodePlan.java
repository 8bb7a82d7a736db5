package ai.millrace.api.plan;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Plane;
import ai.millrace.api.ResultClass;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.internal.Copies;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node of a compiled plan with everything resolved: entrypoint, skills, runner, model,
 * reasoning effort and timeout.
 *
 * @param nodeId the node id
 * @param stageKindId the stage kind id
 * @param plane the plane
 * @param entrypointPath the entrypoint, relative to {@code millrace-agents/}
 * @param entrypointContractId {@code <node_id>.contract.v1}
 * @param runningStatusMarker the running marker token
 * @param allowedResultClassesByOutcome legal outcomes in order with their classes
 * @param declaredOutputArtifacts declared outputs
 * @param requiredSkillPaths required skills, relative to {@code millrace-agents/}
 * @param attachedSkillAdditions attached skills
 * @param runnerName the runner id; may be null (the default runner)
 * @param modelName the model; may be null
 * @param modelReasoningEffort the reasoning effort; may be null
 * @param timeoutSeconds the timeout in seconds
 */
public record MaterializedGraphNodePlan(
        String nodeId,
        String stageKindId,
        Plane plane,
        String entrypointPath,
        String entrypointContractId,
        String runningStatusMarker,
        Map<TerminalResult, List<ResultClass>> allowedResultClassesByOutcome,
        List<String> declaredOutputArtifacts,
        List<String> requiredSkillPaths,
        List<String> attachedSkillAdditions,
        String runnerName,
        String modelName,
        String modelReasoningEffort,
        int timeoutSeconds) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param nodeId the node id
     * @param stageKindId the stage kind id
     * @param plane the plane
     * @param entrypointPath the entrypoint, relative to {@code millrace-agents/}
     * @param entrypointContractId {@code <node_id>.contract.v1}
     * @param runningStatusMarker the running marker token
     * @param allowedResultClassesByOutcome legal outcomes in order with their classes
     * @param declaredOutputArtifacts declared outputs
     * @param requiredSkillPaths required skills, relative to {@code millrace-agents/}
     * @param attachedSkillAdditions attached skills
     * @param runnerName the runner id; may be null (the default runner)
     * @param modelName the model; may be null
     * @param modelReasoningEffort the reasoning effort; may be null
     * @param timeoutSeconds the timeout in seconds
     */
    public MaterializedGraphNodePlan {
        Objects.requireNonNull(nodeId, "node_id is required");
        Objects.requireNonNull(stageKindId, "stage_kind_id is required");
        Objects.requireNonNull(plane, "plane is required");
        Objects.requireNonNull(entrypointPath, "entrypoint_path is required");
        Objects.requireNonNull(entrypointContractId, "entrypoint_contract_id is required");
        Objects.requireNonNull(runningStatusMarker, "running_status_marker is required");
        allowedResultClassesByOutcome = Copies.mapOfLists(allowedResultClassesByOutcome);
        declaredOutputArtifacts = Copies.list(declaredOutputArtifacts);
        requiredSkillPaths = Copies.list(requiredSkillPaths);
        attachedSkillAdditions = Copies.list(attachedSkillAdditions);
        if (timeoutSeconds < 0) {
            throw new ContractViolationException("timeout_seconds must be >= 0 (got " + timeoutSeconds + ")");
        }
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
        b.plane = plane;
        b.entrypointPath = entrypointPath;
        b.entrypointContractId = entrypointContractId;
        b.runningStatusMarker = runningStatusMarker;
        b.allowedResultClassesByOutcome = allowedResultClassesByOutcome;
        b.declaredOutputArtifacts = declaredOutputArtifacts;
        b.requiredSkillPaths = requiredSkillPaths;
        b.attachedSkillAdditions = attachedSkillAdditions;
        b.runnerName = runnerName;
        b.modelName = modelName;
        b.modelReasoningEffort = modelReasoningEffort;
        b.timeoutSeconds = timeoutSeconds;
        return b;
    }

    /**
     * Builds a {@link MaterializedGraphNodePlan}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String nodeId;
        private String stageKindId;
        private Plane plane;
        private String entrypointPath;
        private String entrypointContractId;
        private String runningStatusMarker;
        private Map<TerminalResult, List<ResultClass>> allowedResultClassesByOutcome;
        private List<String> declaredOutputArtifacts;
        private List<String> requiredSkillPaths;
        private List<String> attachedSkillAdditions;
        private String runnerName;
        private String modelName;
        private String modelReasoningEffort;
        private int timeoutSeconds;

        private Builder() {
        }

        /**
         * Sets {@code node_id}.
         *
         * @param nodeId the node id
         * @return this builder
         */
        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /**
         * Sets {@code stage_kind_id}.
         *
         * @param stageKindId the stage kind id
         * @return this builder
         */
        public Builder stageKindId(String stageKindId) {
            this.stageKindId = stageKindId;
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
         * Sets {@code entrypoint_path}.
         *
         * @param entrypointPath the entrypoint, relative to {@code millrace-agents/}
         * @return this builder
         */
        public Builder entrypointPath(String entrypointPath) {
            this.entrypointPath = entrypointPath;
            return this;
        }

        /**
         * Sets {@code entrypoint_contract_id}.
         *
         * @param entrypointContractId {@code <node_id>.contract.v1}
         * @return this builder
         */
        public Builder entrypointContractId(String entrypointContractId) {
            this.entrypointContractId = entrypointContractId;
            return this;
        }

        /**
         * Sets {@code running_status_marker}.
         *
         * @param runningStatusMarker the running marker token
         * @return this builder
         */
        public Builder runningStatusMarker(String runningStatusMarker) {
            this.runningStatusMarker = runningStatusMarker;
            return this;
        }

        /**
         * Sets {@code allowed_result_classes_by_outcome}.
         *
         * @param allowedResultClassesByOutcome legal outcomes in order with their classes
         * @return this builder
         */
        public Builder allowedResultClassesByOutcome(Map<TerminalResult, List<ResultClass>> allowedResultClassesByOutcome) {
            this.allowedResultClassesByOutcome = allowedResultClassesByOutcome;
            return this;
        }

        /**
         * Sets {@code declared_output_artifacts}.
         *
         * @param declaredOutputArtifacts declared outputs
         * @return this builder
         */
        public Builder declaredOutputArtifacts(List<String> declaredOutputArtifacts) {
            this.declaredOutputArtifacts = declaredOutputArtifacts;
            return this;
        }

        /**
         * Sets {@code required_skill_paths}.
         *
         * @param requiredSkillPaths required skills, relative to {@code millrace-agents/}
         * @return this builder
         */
        public Builder requiredSkillPaths(List<String> requiredSkillPaths) {
            this.requiredSkillPaths = requiredSkillPaths;
            return this;
        }

        /**
         * Sets {@code attached_skill_additions}.
         *
         * @param attachedSkillAdditions attached skills
         * @return this builder
         */
        public Builder attachedSkillAdditions(List<String> attachedSkillAdditions) {
            this.attachedSkillAdditions = attachedSkillAdditions;
            return this;
        }

        /**
         * Sets {@code runner_name}.
         *
         * @param runnerName the runner id; may be null (the default runner)
         * @return this builder
         */
        public Builder runnerName(String runnerName) {
            this.runnerName = runnerName;
            return this;
        }

        /**
         * Sets {@code model_name}.
         *
         * @param modelName the model; may be null
         * @return this builder
         */
        public Builder modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /**
         * Sets {@code model_reasoning_effort}.
         *
         * @param modelReasoningEffort the reasoning effort; may be null
         * @return this builder
         */
        public Builder modelReasoningEffort(String modelReasoningEffort) {
            this.modelReasoningEffort = modelReasoningEffort;
            return this;
        }

        /**
         * Sets {@code timeout_seconds}.
         *
         * @param timeoutSeconds the timeout in seconds
         * @return this builder
         */
        public Builder timeoutSeconds(int timeoutSeconds) {
            this.timeoutSeconds = timeoutSeconds;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public MaterializedGraphNodePlan build() {
            return new MaterializedGraphNodePlan(nodeId, stageKindId, plane, entrypointPath, entrypointContractId, runningStatusMarker, allowedResultClassesByOutcome, declaredOutputArtifacts, requiredSkillPaths, attachedSkillAdditions, runnerName, modelName, modelReasoningEffort, timeoutSeconds);
        }
    }
}
