package ai.millrace.api.asset;

import ai.millrace.api.Plane;
import ai.millrace.api.ResultClass;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.WireKind;
import ai.millrace.api.internal.Copies;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stage kind: what a node of a graph loop runs, its entrypoint and skills, and the outcomes
 * it may report. The fifteen built-in kinds and every plugin or workspace kind share this shape
 * ({@code registry/stage_kinds/<plane>/<id>.json}).
 *
 * <p>The record checks presence only; the compiler validates the grammar and consistency rules
 * and reports violations with stable codes naming the asset.
 *
 * @param stageKindId the canonical stage kind id
 * @param plane the plane
 * @param displayName a display name
 * @param defaultEntrypointPath the entrypoint, relative to the asset root ({@code entrypoints/...md})
 * @param requiredSkillPaths required skills ({@code skills/...md}), at least one
 * @param suggestedSkillPaths suggested skills
 * @param runningStatusMarker the running marker token
 * @param legalOutcomes legal outcomes in contractual order
 * @param successOutcomes outcomes that mean success
 * @param failureOutcomes the other outcomes
 * @param allowedResultClassesByOutcome result classes per outcome
 * @param allowedInputArtifacts artifacts it reads
 * @param declaredOutputArtifacts artifacts it writes
 * @param idempotencePolicy the idempotence policy; defaults to {@code retry_safe_with_key}
 * @param allowedOverrides node overrides the kind permits
 * @param canStartTasks informational: may start tasks
 * @param canStartSpecs informational: may start specs
 * @param canStartIncidents informational: may start incidents
 * @param canStartLearningRequests informational: may start learning requests
 * @param recoveryRole the recovery role; may be null
 * @param closureRole whether completion behaviour may target it
 */
@WireKind("registered_stage_kind")
public record StageKindDefinition(
        String stageKindId,
        Plane plane,
        String displayName,
        String defaultEntrypointPath,
        List<String> requiredSkillPaths,
        List<String> suggestedSkillPaths,
        String runningStatusMarker,
        List<TerminalResult> legalOutcomes,
        List<TerminalResult> successOutcomes,
        List<TerminalResult> failureOutcomes,
        Map<TerminalResult, List<ResultClass>> allowedResultClassesByOutcome,
        List<String> allowedInputArtifacts,
        List<String> declaredOutputArtifacts,
        StageIdempotencePolicy idempotencePolicy,
        List<String> allowedOverrides,
        boolean canStartTasks,
        boolean canStartSpecs,
        boolean canStartIncidents,
        boolean canStartLearningRequests,
        RecoveryRole recoveryRole,
        boolean closureRole) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param stageKindId the canonical stage kind id
     * @param plane the plane
     * @param displayName a display name
     * @param defaultEntrypointPath the entrypoint, relative to the asset root ({@code entrypoints/...md})
     * @param requiredSkillPaths required skills ({@code skills/...md}), at least one
     * @param suggestedSkillPaths suggested skills
     * @param runningStatusMarker the running marker token
     * @param legalOutcomes legal outcomes in contractual order
     * @param successOutcomes outcomes that mean success
     * @param failureOutcomes the other outcomes
     * @param allowedResultClassesByOutcome result classes per outcome
     * @param allowedInputArtifacts artifacts it reads
     * @param declaredOutputArtifacts artifacts it writes
     * @param idempotencePolicy the idempotence policy; defaults to {@code retry_safe_with_key}
     * @param allowedOverrides node overrides the kind permits
     * @param canStartTasks informational: may start tasks
     * @param canStartSpecs informational: may start specs
     * @param canStartIncidents informational: may start incidents
     * @param canStartLearningRequests informational: may start learning requests
     * @param recoveryRole the recovery role; may be null
     * @param closureRole whether completion behaviour may target it
     */
    public StageKindDefinition {
        Objects.requireNonNull(stageKindId, "stage_kind_id is required");
        Objects.requireNonNull(plane, "plane is required");
        Objects.requireNonNull(displayName, "display_name is required");
        Objects.requireNonNull(defaultEntrypointPath, "default_entrypoint_path is required");
        requiredSkillPaths = Copies.list(requiredSkillPaths);
        suggestedSkillPaths = Copies.list(suggestedSkillPaths);
        Objects.requireNonNull(runningStatusMarker, "running_status_marker is required");
        legalOutcomes = Copies.list(legalOutcomes);
        successOutcomes = Copies.list(successOutcomes);
        failureOutcomes = Copies.list(failureOutcomes);
        allowedResultClassesByOutcome = Copies.mapOfLists(allowedResultClassesByOutcome);
        allowedInputArtifacts = Copies.list(allowedInputArtifacts);
        declaredOutputArtifacts = Copies.list(declaredOutputArtifacts);
        allowedOverrides = Copies.list(allowedOverrides);
        idempotencePolicy = idempotencePolicy == null ? StageIdempotencePolicy.RETRY_SAFE_WITH_KEY : idempotencePolicy;
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
        b.stageKindId = stageKindId;
        b.plane = plane;
        b.displayName = displayName;
        b.defaultEntrypointPath = defaultEntrypointPath;
        b.requiredSkillPaths = requiredSkillPaths;
        b.suggestedSkillPaths = suggestedSkillPaths;
        b.runningStatusMarker = runningStatusMarker;
        b.legalOutcomes = legalOutcomes;
        b.successOutcomes = successOutcomes;
        b.failureOutcomes = failureOutcomes;
        b.allowedResultClassesByOutcome = allowedResultClassesByOutcome;
        b.allowedInputArtifacts = allowedInputArtifacts;
        b.declaredOutputArtifacts = declaredOutputArtifacts;
        b.idempotencePolicy = idempotencePolicy;
        b.allowedOverrides = allowedOverrides;
        b.canStartTasks = canStartTasks;
        b.canStartSpecs = canStartSpecs;
        b.canStartIncidents = canStartIncidents;
        b.canStartLearningRequests = canStartLearningRequests;
        b.recoveryRole = recoveryRole;
        b.closureRole = closureRole;
        return b;
    }

    /**
     * Builds a {@link StageKindDefinition}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String stageKindId;
        private Plane plane;
        private String displayName;
        private String defaultEntrypointPath;
        private List<String> requiredSkillPaths;
        private List<String> suggestedSkillPaths;
        private String runningStatusMarker;
        private List<TerminalResult> legalOutcomes;
        private List<TerminalResult> successOutcomes;
        private List<TerminalResult> failureOutcomes;
        private Map<TerminalResult, List<ResultClass>> allowedResultClassesByOutcome;
        private List<String> allowedInputArtifacts;
        private List<String> declaredOutputArtifacts;
        private StageIdempotencePolicy idempotencePolicy;
        private List<String> allowedOverrides;
        private boolean canStartTasks;
        private boolean canStartSpecs;
        private boolean canStartIncidents;
        private boolean canStartLearningRequests;
        private RecoveryRole recoveryRole;
        private boolean closureRole;

        private Builder() {
        }

        /**
         * Sets {@code stage_kind_id}.
         *
         * @param stageKindId the canonical stage kind id
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
         * Sets {@code display_name}.
         *
         * @param displayName a display name
         * @return this builder
         */
        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        /**
         * Sets {@code default_entrypoint_path}.
         *
         * @param defaultEntrypointPath the entrypoint, relative to the asset root ({@code entrypoints/...md})
         * @return this builder
         */
        public Builder defaultEntrypointPath(String defaultEntrypointPath) {
            this.defaultEntrypointPath = defaultEntrypointPath;
            return this;
        }

        /**
         * Sets {@code required_skill_paths}.
         *
         * @param requiredSkillPaths required skills ({@code skills/...md}), at least one
         * @return this builder
         */
        public Builder requiredSkillPaths(List<String> requiredSkillPaths) {
            this.requiredSkillPaths = requiredSkillPaths;
            return this;
        }

        /**
         * Sets {@code suggested_skill_paths}.
         *
         * @param suggestedSkillPaths suggested skills
         * @return this builder
         */
        public Builder suggestedSkillPaths(List<String> suggestedSkillPaths) {
            this.suggestedSkillPaths = suggestedSkillPaths;
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
         * Sets {@code legal_outcomes}.
         *
         * @param legalOutcomes legal outcomes in contractual order
         * @return this builder
         */
        public Builder legalOutcomes(List<TerminalResult> legalOutcomes) {
            this.legalOutcomes = legalOutcomes;
            return this;
        }

        /**
         * Sets {@code success_outcomes}.
         *
         * @param successOutcomes outcomes that mean success
         * @return this builder
         */
        public Builder successOutcomes(List<TerminalResult> successOutcomes) {
            this.successOutcomes = successOutcomes;
            return this;
        }

        /**
         * Sets {@code failure_outcomes}.
         *
         * @param failureOutcomes the other outcomes
         * @return this builder
         */
        public Builder failureOutcomes(List<TerminalResult> failureOutcomes) {
            this.failureOutcomes = failureOutcomes;
            return this;
        }

        /**
         * Sets {@code allowed_result_classes_by_outcome}.
         *
         * @param allowedResultClassesByOutcome result classes per outcome
         * @return this builder
         */
        public Builder allowedResultClassesByOutcome(Map<TerminalResult, List<ResultClass>> allowedResultClassesByOutcome) {
            this.allowedResultClassesByOutcome = allowedResultClassesByOutcome;
            return this;
        }

        /**
         * Sets {@code allowed_input_artifacts}.
         *
         * @param allowedInputArtifacts artifacts it reads
         * @return this builder
         */
        public Builder allowedInputArtifacts(List<String> allowedInputArtifacts) {
            this.allowedInputArtifacts = allowedInputArtifacts;
            return this;
        }

        /**
         * Sets {@code declared_output_artifacts}.
         *
         * @param declaredOutputArtifacts artifacts it writes
         * @return this builder
         */
        public Builder declaredOutputArtifacts(List<String> declaredOutputArtifacts) {
            this.declaredOutputArtifacts = declaredOutputArtifacts;
            return this;
        }

        /**
         * Sets {@code idempotence_policy}.
         *
         * @param idempotencePolicy the idempotence policy; defaults to {@code retry_safe_with_key}
         * @return this builder
         */
        public Builder idempotencePolicy(StageIdempotencePolicy idempotencePolicy) {
            this.idempotencePolicy = idempotencePolicy;
            return this;
        }

        /**
         * Sets {@code allowed_overrides}.
         *
         * @param allowedOverrides node overrides the kind permits
         * @return this builder
         */
        public Builder allowedOverrides(List<String> allowedOverrides) {
            this.allowedOverrides = allowedOverrides;
            return this;
        }

        /**
         * Sets {@code can_start_tasks}.
         *
         * @param canStartTasks informational: may start tasks
         * @return this builder
         */
        public Builder canStartTasks(boolean canStartTasks) {
            this.canStartTasks = canStartTasks;
            return this;
        }

        /**
         * Sets {@code can_start_specs}.
         *
         * @param canStartSpecs informational: may start specs
         * @return this builder
         */
        public Builder canStartSpecs(boolean canStartSpecs) {
            this.canStartSpecs = canStartSpecs;
            return this;
        }

        /**
         * Sets {@code can_start_incidents}.
         *
         * @param canStartIncidents informational: may start incidents
         * @return this builder
         */
        public Builder canStartIncidents(boolean canStartIncidents) {
            this.canStartIncidents = canStartIncidents;
            return this;
        }

        /**
         * Sets {@code can_start_learning_requests}.
         *
         * @param canStartLearningRequests informational: may start learning requests
         * @return this builder
         */
        public Builder canStartLearningRequests(boolean canStartLearningRequests) {
            this.canStartLearningRequests = canStartLearningRequests;
            return this;
        }

        /**
         * Sets {@code recovery_role}.
         *
         * @param recoveryRole the recovery role; may be null
         * @return this builder
         */
        public Builder recoveryRole(RecoveryRole recoveryRole) {
            this.recoveryRole = recoveryRole;
            return this;
        }

        /**
         * Sets {@code closure_role}.
         *
         * @param closureRole whether completion behaviour may target it
         * @return this builder
         */
        public Builder closureRole(boolean closureRole) {
            this.closureRole = closureRole;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public StageKindDefinition build() {
            return new StageKindDefinition(stageKindId, plane, displayName, defaultEntrypointPath, requiredSkillPaths, suggestedSkillPaths, runningStatusMarker, legalOutcomes, successOutcomes, failureOutcomes, allowedResultClassesByOutcome, allowedInputArtifacts, declaredOutputArtifacts, idempotencePolicy, allowedOverrides, canStartTasks, canStartSpecs, canStartIncidents, canStartLearningRequests, recoveryRole, closureRole);
        }
    }
}
