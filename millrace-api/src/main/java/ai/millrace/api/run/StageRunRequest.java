package ai.millrace.api.run;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import ai.millrace.api.Plane;
import ai.millrace.api.ResultClass;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadata;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.internal.Copies;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stage invocation, handed by the runtime to a {@link ai.millrace.api.spi.StageRunner}.
 *
 * <p>Immutable. Paths are absolute strings, exactly as written into the stage prompt and into
 * run artifacts. Invariants checked on construction:
 * <ul>
 *   <li>{@code legalTerminalMarkers} equals {@code "### " + outcome} for the keys of
 *       {@code allowedResultClassesByOutcome}, in order;</li>
 *   <li>a built-in stage runs on its own plane;</li>
 *   <li>{@code active_work_item} requests carry a work item and none of the eight closure fields;
 *       {@code closure_target} requests carry all eight and no work item;
 *       {@code learning_request} requests run on the learning plane with a learning request and
 *       its path, and no closure fields.</li>
 * </ul>
 * Use {@link #builder()}; it fills markers, classes and ids from the stage metadata.
 *
 * @param requestId the request id, {@code request-<32 hex>}; one per stage invocation
 * @param runId the run id, shared by every stage of one work-item activation
 * @param plane the plane the stage runs on
 * @param stage the stage to run
 * @param requestKind what the invocation is about
 * @param modeId the compiled mode id
 * @param compiledPlanId the compiled plan id
 * @param nodeId the graph node id (defaults to the stage name)
 * @param stageKindId the stage kind id (defaults to the stage name)
 * @param runningStatusMarker the running marker token, such as {@code BUILDER_RUNNING}
 * @param legalTerminalMarkers the legal markers ({@code ### TOKEN}), in the order of {@code allowedResultClassesByOutcome}
 * @param allowedResultClassesByOutcome legal outcomes in contractual order with their allowed classes
 * @param entrypointPath absolute path of the entrypoint the agent must follow
 * @param entrypointContractId the entrypoint contract id, {@code <node_id>.contract.v1}; may be null
 * @param requiredSkillPaths absolute paths of the required skills
 * @param attachedSkillPaths absolute paths of attached skills
 * @param activeWorkItemKind kind of the active work item; null for closure targets
 * @param activeWorkItemId id of the active work item; set together with the kind
 * @param activeWorkItemPath absolute path of the active work document; may be null
 * @param closureTargetPath closure target state file; closure requests only
 * @param closureTargetRootSpecId root spec id of the closure target; closure requests only
 * @param closureTargetRootIdeaId root idea id of the closure target; closure requests only
 * @param canonicalRootSpecPath canonical copy of the root spec; closure requests only
 * @param canonicalSeedIdeaPath canonical copy of the seed idea; closure requests only
 * @param preferredRubricPath where the arbiter keeps its rubric; closure requests only
 * @param preferredVerdictPath where the arbiter writes its verdict; closure requests only
 * @param preferredReportPath where the arbiter writes its report; closure requests only
 * @param runDir absolute path of the run directory
 * @param summaryStatusPath the plane status file (written by the runtime only)
 * @param runtimeSnapshotPath the runtime snapshot file
 * @param recoveryCountersPath the recovery counters file
 * @param preferredTroubleshootReportPath where a troubleshoot report goes; may be null
 * @param runtimeErrorCode runtime error code for troubleshooter or mechanic repairs; may be null
 * @param runtimeErrorReportPath runtime error report for troubleshooter or mechanic repairs; may be null
 * @param runtimeErrorCatalogPath runtime error catalog, when the workspace has one; may be null
 * @param skillRevisionEvidencePath where skill revision evidence goes in learning modes; may be null
 * @param runnerName the runner id the plan bound; may be null
 * @param modelName the model the plan bound; may be null
 * @param modelReasoningEffort the reasoning effort the plan bound; may be null
 * @param timeoutSeconds the stage timeout in seconds; 0 lets the runner choose its default
 */
public record StageRunRequest(
        String requestId,
        String runId,
        Plane plane,
        StageId stage,
        RequestKind requestKind,
        String modeId,
        String compiledPlanId,
        String nodeId,
        String stageKindId,
        String runningStatusMarker,
        List<String> legalTerminalMarkers,
        Map<TerminalResult, List<ResultClass>> allowedResultClassesByOutcome,
        String entrypointPath,
        String entrypointContractId,
        List<String> requiredSkillPaths,
        List<String> attachedSkillPaths,
        WorkItemKind activeWorkItemKind,
        String activeWorkItemId,
        String activeWorkItemPath,
        String closureTargetPath,
        String closureTargetRootSpecId,
        String closureTargetRootIdeaId,
        String canonicalRootSpecPath,
        String canonicalSeedIdeaPath,
        String preferredRubricPath,
        String preferredVerdictPath,
        String preferredReportPath,
        String runDir,
        String summaryStatusPath,
        String runtimeSnapshotPath,
        String recoveryCountersPath,
        String preferredTroubleshootReportPath,
        String runtimeErrorCode,
        String runtimeErrorReportPath,
        String runtimeErrorCatalogPath,
        String skillRevisionEvidencePath,
        String runnerName,
        String modelName,
        String modelReasoningEffort,
        int timeoutSeconds) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param requestId the request id, {@code request-<32 hex>}; one per stage invocation
     * @param runId the run id, shared by every stage of one work-item activation
     * @param plane the plane the stage runs on
     * @param stage the stage to run
     * @param requestKind what the invocation is about
     * @param modeId the compiled mode id
     * @param compiledPlanId the compiled plan id
     * @param nodeId the graph node id (defaults to the stage name)
     * @param stageKindId the stage kind id (defaults to the stage name)
     * @param runningStatusMarker the running marker token, such as {@code BUILDER_RUNNING}
     * @param legalTerminalMarkers the legal markers ({@code ### TOKEN}), in the order of {@code allowedResultClassesByOutcome}
     * @param allowedResultClassesByOutcome legal outcomes in contractual order with their allowed classes
     * @param entrypointPath absolute path of the entrypoint the agent must follow
     * @param entrypointContractId the entrypoint contract id, {@code <node_id>.contract.v1}; may be null
     * @param requiredSkillPaths absolute paths of the required skills
     * @param attachedSkillPaths absolute paths of attached skills
     * @param activeWorkItemKind kind of the active work item; null for closure targets
     * @param activeWorkItemId id of the active work item; set together with the kind
     * @param activeWorkItemPath absolute path of the active work document; may be null
     * @param closureTargetPath closure target state file; closure requests only
     * @param closureTargetRootSpecId root spec id of the closure target; closure requests only
     * @param closureTargetRootIdeaId root idea id of the closure target; closure requests only
     * @param canonicalRootSpecPath canonical copy of the root spec; closure requests only
     * @param canonicalSeedIdeaPath canonical copy of the seed idea; closure requests only
     * @param preferredRubricPath where the arbiter keeps its rubric; closure requests only
     * @param preferredVerdictPath where the arbiter writes its verdict; closure requests only
     * @param preferredReportPath where the arbiter writes its report; closure requests only
     * @param runDir absolute path of the run directory
     * @param summaryStatusPath the plane status file (written by the runtime only)
     * @param runtimeSnapshotPath the runtime snapshot file
     * @param recoveryCountersPath the recovery counters file
     * @param preferredTroubleshootReportPath where a troubleshoot report goes; may be null
     * @param runtimeErrorCode runtime error code for troubleshooter or mechanic repairs; may be null
     * @param runtimeErrorReportPath runtime error report for troubleshooter or mechanic repairs; may be null
     * @param runtimeErrorCatalogPath runtime error catalog, when the workspace has one; may be null
     * @param skillRevisionEvidencePath where skill revision evidence goes in learning modes; may be null
     * @param runnerName the runner id the plan bound; may be null
     * @param modelName the model the plan bound; may be null
     * @param modelReasoningEffort the reasoning effort the plan bound; may be null
     * @param timeoutSeconds the stage timeout in seconds; 0 lets the runner choose its default
     */
    public StageRunRequest {
        Identifiers.requireText("request_id", requestId);
        Identifiers.requireText("run_id", runId);
        Objects.requireNonNull(plane, "plane");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(requestKind, "request_kind");
        Identifiers.requireText("mode_id", modeId);
        Identifiers.requireText("compiled_plan_id", compiledPlanId);
        Identifiers.requireText("node_id", nodeId);
        Identifiers.requireText("stage_kind_id", stageKindId);
        Identifiers.requireText("running_status_marker", runningStatusMarker);
        Identifiers.requireText("entrypoint_path", entrypointPath);
        Identifiers.requireText("run_dir", runDir);
        Identifiers.requireText("summary_status_path", summaryStatusPath);
        Identifiers.requireText("runtime_snapshot_path", runtimeSnapshotPath);
        Identifiers.requireText("recovery_counters_path", recoveryCountersPath);
        legalTerminalMarkers = Copies.list(legalTerminalMarkers);
        allowedResultClassesByOutcome = Copies.mapOfLists(allowedResultClassesByOutcome);
        requiredSkillPaths = Copies.list(requiredSkillPaths);
        attachedSkillPaths = Copies.list(attachedSkillPaths);
        if (timeoutSeconds < 0) {
            throw new ContractViolationException("timeout_seconds must be >= 0 (got " + timeoutSeconds + ")");
        }
        if (allowedResultClassesByOutcome.isEmpty()) {
            throw new ContractViolationException("allowed_result_classes_by_outcome must not be empty");
        }
        List<String> expected = markersOf(allowedResultClassesByOutcome);
        if (!expected.equals(legalTerminalMarkers)) {
            throw new ContractViolationException("legal_terminal_markers " + legalTerminalMarkers
                    + " must equal the outcomes of allowed_result_classes_by_outcome " + expected);
        }
        StageMetadataRegistry.builtIn().find(stage).ifPresent(m -> {
            if (m.plane() != plane) {
                throw new ContractViolationException("stage '" + stage + "' does not belong to plane " + plane);
            }
        });
        if ((activeWorkItemKind == null) != (activeWorkItemId == null)) {
            throw new ContractViolationException(
                    "active_work_item_kind and active_work_item_id must be set together or not at all");
        }
        Identifiers.optionalSafeId("active_work_item_id", activeWorkItemId);
        Identifiers.optionalSafeId("closure_target_root_spec_id", closureTargetRootSpecId);
        Identifiers.optionalSafeId("closure_target_root_idea_id", closureTargetRootIdeaId);
        String[] closureFields = {
            closureTargetPath, closureTargetRootSpecId, closureTargetRootIdeaId, canonicalRootSpecPath, canonicalSeedIdeaPath, preferredRubricPath, preferredVerdictPath, preferredReportPath};
        int closureSet = 0;
        for (String f : closureFields) {
            if (f != null) {
                closureSet++;
            }
        }
        switch (requestKind) {
            case ACTIVE_WORK_ITEM:
                if (closureSet > 0) {
                    throw new ContractViolationException("active_work_item requests must not set closure fields");
                }
                break;
            case CLOSURE_TARGET:
                if (closureSet != closureFields.length) {
                    throw new ContractViolationException("closure_target requests require all eight closure fields");
                }
                if (activeWorkItemKind != null || activeWorkItemPath != null) {
                    throw new ContractViolationException("closure_target requests must not carry an active work item");
                }
                break;
            case LEARNING_REQUEST:
                if (plane != Plane.LEARNING) {
                    throw new ContractViolationException("learning_request requests must run on the learning plane");
                }
                if (activeWorkItemKind != WorkItemKind.LEARNING_REQUEST || activeWorkItemPath == null) {
                    throw new ContractViolationException(
                            "learning_request requests require a learning_request work item and its path");
                }
                if (closureSet > 0) {
                    throw new ContractViolationException("learning_request requests must not set closure fields");
                }
                break;
            default:
                throw new AssertionError(requestKind);
        }
    }

    /**
     * Returns the run directory as a path.
     *
     * @return {@link #runDir()} as a {@link Path}
     */
    public Path runDirectory() {
        return Path.of(runDir);
    }

    /**
     * Returns the legal terminal results in contractual order.
     *
     * @return the outcomes of {@link #allowedResultClassesByOutcome()}
     */
    public List<TerminalResult> legalTerminalResults() {
        return List.copyOf(allowedResultClassesByOutcome.keySet());
    }

    /**
     * Returns a builder with every field of this request, to derive a changed copy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.requestId = requestId;
        b.runId = runId;
        b.plane = plane;
        b.stage = stage;
        b.requestKind = requestKind;
        b.modeId = modeId;
        b.compiledPlanId = compiledPlanId;
        b.nodeId = nodeId;
        b.stageKindId = stageKindId;
        b.runningStatusMarker = runningStatusMarker;
        b.legalTerminalMarkers = legalTerminalMarkers;
        b.allowedResultClassesByOutcome = allowedResultClassesByOutcome;
        b.entrypointPath = entrypointPath;
        b.entrypointContractId = entrypointContractId;
        b.requiredSkillPaths = requiredSkillPaths;
        b.attachedSkillPaths = attachedSkillPaths;
        b.activeWorkItemKind = activeWorkItemKind;
        b.activeWorkItemId = activeWorkItemId;
        b.activeWorkItemPath = activeWorkItemPath;
        b.closureTargetPath = closureTargetPath;
        b.closureTargetRootSpecId = closureTargetRootSpecId;
        b.closureTargetRootIdeaId = closureTargetRootIdeaId;
        b.canonicalRootSpecPath = canonicalRootSpecPath;
        b.canonicalSeedIdeaPath = canonicalSeedIdeaPath;
        b.preferredRubricPath = preferredRubricPath;
        b.preferredVerdictPath = preferredVerdictPath;
        b.preferredReportPath = preferredReportPath;
        b.runDir = runDir;
        b.summaryStatusPath = summaryStatusPath;
        b.runtimeSnapshotPath = runtimeSnapshotPath;
        b.recoveryCountersPath = recoveryCountersPath;
        b.preferredTroubleshootReportPath = preferredTroubleshootReportPath;
        b.runtimeErrorCode = runtimeErrorCode;
        b.runtimeErrorReportPath = runtimeErrorReportPath;
        b.runtimeErrorCatalogPath = runtimeErrorCatalogPath;
        b.skillRevisionEvidencePath = skillRevisionEvidencePath;
        b.runnerName = runnerName;
        b.modelName = modelName;
        b.modelReasoningEffort = modelReasoningEffort;
        b.timeoutSeconds = timeoutSeconds;
        return b;
    }

    /**
     * Returns an empty builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private static List<String> markersOf(Map<TerminalResult, List<ResultClass>> classes) {
        List<String> markers = new ArrayList<>();
        classes.keySet().forEach(r -> markers.add(r.marker()));
        return markers;
    }

    /**
     * Builds a {@link StageRunRequest}. Not thread-safe.
     *
     * <p>{@link #stage(StageMetadata)} fills plane, stage, running marker and legal outcomes from
     * the metadata; node and stage-kind ids default to the stage name; legal markers are derived
     * from the outcomes when not set; the request kind defaults to {@code active_work_item}.
     */
    public static final class Builder {
        private String requestId;
        private String runId;
        private Plane plane;
        private StageId stage;
        private RequestKind requestKind = RequestKind.ACTIVE_WORK_ITEM;
        private String modeId;
        private String compiledPlanId;
        private String nodeId;
        private String stageKindId;
        private String runningStatusMarker;
        private List<String> legalTerminalMarkers;
        private Map<TerminalResult, List<ResultClass>> allowedResultClassesByOutcome;
        private String entrypointPath;
        private String entrypointContractId;
        private List<String> requiredSkillPaths;
        private List<String> attachedSkillPaths;
        private WorkItemKind activeWorkItemKind;
        private String activeWorkItemId;
        private String activeWorkItemPath;
        private String closureTargetPath;
        private String closureTargetRootSpecId;
        private String closureTargetRootIdeaId;
        private String canonicalRootSpecPath;
        private String canonicalSeedIdeaPath;
        private String preferredRubricPath;
        private String preferredVerdictPath;
        private String preferredReportPath;
        private String runDir;
        private String summaryStatusPath;
        private String runtimeSnapshotPath;
        private String recoveryCountersPath;
        private String preferredTroubleshootReportPath;
        private String runtimeErrorCode;
        private String runtimeErrorReportPath;
        private String runtimeErrorCatalogPath;
        private String skillRevisionEvidencePath;
        private String runnerName;
        private String modelName;
        private String modelReasoningEffort;
        private int timeoutSeconds;

        private Builder() {
        }

        /**
         * Sets plane, stage, running marker and result classes from stage metadata.
         *
         * @param metadata the stage metadata
         * @return this builder
         */
        public Builder stage(StageMetadata metadata) {
            this.plane = metadata.plane();
            this.stage = metadata.stage();
            this.runningStatusMarker = metadata.runningStatusMarker();
            this.allowedResultClassesByOutcome = metadata.allowedResultClassesByOutcome();
            this.legalTerminalMarkers = null;
            return this;
        }

        /**
         * Sets {@code request_id}.
         *
         * @param requestId the request id, {@code request-<32 hex>}; one per stage invocation
         * @return this builder
         */
        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /**
         * Sets {@code run_id}.
         *
         * @param runId the run id, shared by every stage of one work-item activation
         * @return this builder
         */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /**
         * Sets {@code plane}.
         *
         * @param plane the plane the stage runs on
         * @return this builder
         */
        public Builder plane(Plane plane) {
            this.plane = plane;
            return this;
        }

        /**
         * Sets {@code stage}.
         *
         * @param stage the stage to run
         * @return this builder
         */
        public Builder stage(StageId stage) {
            this.stage = stage;
            return this;
        }

        /**
         * Sets {@code request_kind}.
         *
         * @param requestKind what the invocation is about
         * @return this builder
         */
        public Builder requestKind(RequestKind requestKind) {
            this.requestKind = requestKind;
            return this;
        }

        /**
         * Sets {@code mode_id}.
         *
         * @param modeId the compiled mode id
         * @return this builder
         */
        public Builder modeId(String modeId) {
            this.modeId = modeId;
            return this;
        }

        /**
         * Sets {@code compiled_plan_id}.
         *
         * @param compiledPlanId the compiled plan id
         * @return this builder
         */
        public Builder compiledPlanId(String compiledPlanId) {
            this.compiledPlanId = compiledPlanId;
            return this;
        }

        /**
         * Sets {@code node_id}.
         *
         * @param nodeId the graph node id (defaults to the stage name)
         * @return this builder
         */
        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /**
         * Sets {@code stage_kind_id}.
         *
         * @param stageKindId the stage kind id (defaults to the stage name)
         * @return this builder
         */
        public Builder stageKindId(String stageKindId) {
            this.stageKindId = stageKindId;
            return this;
        }

        /**
         * Sets {@code running_status_marker}.
         *
         * @param runningStatusMarker the running marker token, such as {@code BUILDER_RUNNING}
         * @return this builder
         */
        public Builder runningStatusMarker(String runningStatusMarker) {
            this.runningStatusMarker = runningStatusMarker;
            return this;
        }

        /**
         * Sets {@code legal_terminal_markers}.
         *
         * @param legalTerminalMarkers the legal markers ({@code ### TOKEN}), in the order of {@code allowedResultClassesByOutcome}
         * @return this builder
         */
        public Builder legalTerminalMarkers(List<String> legalTerminalMarkers) {
            this.legalTerminalMarkers = legalTerminalMarkers;
            return this;
        }

        /**
         * Sets {@code allowed_result_classes_by_outcome}.
         *
         * @param allowedResultClassesByOutcome legal outcomes in contractual order with their allowed classes
         * @return this builder
         */
        public Builder allowedResultClassesByOutcome(Map<TerminalResult, List<ResultClass>> allowedResultClassesByOutcome) {
            this.allowedResultClassesByOutcome = allowedResultClassesByOutcome;
            return this;
        }

        /**
         * Sets {@code entrypoint_path}.
         *
         * @param entrypointPath absolute path of the entrypoint the agent must follow
         * @return this builder
         */
        public Builder entrypointPath(String entrypointPath) {
            this.entrypointPath = entrypointPath;
            return this;
        }

        /**
         * Sets {@code entrypoint_contract_id}.
         *
         * @param entrypointContractId the entrypoint contract id, {@code <node_id>.contract.v1}; may be null
         * @return this builder
         */
        public Builder entrypointContractId(String entrypointContractId) {
            this.entrypointContractId = entrypointContractId;
            return this;
        }

        /**
         * Sets {@code required_skill_paths}.
         *
         * @param requiredSkillPaths absolute paths of the required skills
         * @return this builder
         */
        public Builder requiredSkillPaths(List<String> requiredSkillPaths) {
            this.requiredSkillPaths = requiredSkillPaths;
            return this;
        }

        /**
         * Sets {@code attached_skill_paths}.
         *
         * @param attachedSkillPaths absolute paths of attached skills
         * @return this builder
         */
        public Builder attachedSkillPaths(List<String> attachedSkillPaths) {
            this.attachedSkillPaths = attachedSkillPaths;
            return this;
        }

        /**
         * Sets {@code active_work_item_kind}.
         *
         * @param activeWorkItemKind kind of the active work item; null for closure targets
         * @return this builder
         */
        public Builder activeWorkItemKind(WorkItemKind activeWorkItemKind) {
            this.activeWorkItemKind = activeWorkItemKind;
            return this;
        }

        /**
         * Sets {@code active_work_item_id}.
         *
         * @param activeWorkItemId id of the active work item; set together with the kind
         * @return this builder
         */
        public Builder activeWorkItemId(String activeWorkItemId) {
            this.activeWorkItemId = activeWorkItemId;
            return this;
        }

        /**
         * Sets {@code active_work_item_path}.
         *
         * @param activeWorkItemPath absolute path of the active work document; may be null
         * @return this builder
         */
        public Builder activeWorkItemPath(String activeWorkItemPath) {
            this.activeWorkItemPath = activeWorkItemPath;
            return this;
        }

        /**
         * Sets {@code closure_target_path}.
         *
         * @param closureTargetPath closure target state file; closure requests only
         * @return this builder
         */
        public Builder closureTargetPath(String closureTargetPath) {
            this.closureTargetPath = closureTargetPath;
            return this;
        }

        /**
         * Sets {@code closure_target_root_spec_id}.
         *
         * @param closureTargetRootSpecId root spec id of the closure target; closure requests only
         * @return this builder
         */
        public Builder closureTargetRootSpecId(String closureTargetRootSpecId) {
            this.closureTargetRootSpecId = closureTargetRootSpecId;
            return this;
        }

        /**
         * Sets {@code closure_target_root_idea_id}.
         *
         * @param closureTargetRootIdeaId root idea id of the closure target; closure requests only
         * @return this builder
         */
        public Builder closureTargetRootIdeaId(String closureTargetRootIdeaId) {
            this.closureTargetRootIdeaId = closureTargetRootIdeaId;
            return this;
        }

        /**
         * Sets {@code canonical_root_spec_path}.
         *
         * @param canonicalRootSpecPath canonical copy of the root spec; closure requests only
         * @return this builder
         */
        public Builder canonicalRootSpecPath(String canonicalRootSpecPath) {
            this.canonicalRootSpecPath = canonicalRootSpecPath;
            return this;
        }

        /**
         * Sets {@code canonical_seed_idea_path}.
         *
         * @param canonicalSeedIdeaPath canonical copy of the seed idea; closure requests only
         * @return this builder
         */
        public Builder canonicalSeedIdeaPath(String canonicalSeedIdeaPath) {
            this.canonicalSeedIdeaPath = canonicalSeedIdeaPath;
            return this;
        }

        /**
         * Sets {@code preferred_rubric_path}.
         *
         * @param preferredRubricPath where the arbiter keeps its rubric; closure requests only
         * @return this builder
         */
        public Builder preferredRubricPath(String preferredRubricPath) {
            this.preferredRubricPath = preferredRubricPath;
            return this;
        }

        /**
         * Sets {@code preferred_verdict_path}.
         *
         * @param preferredVerdictPath where the arbiter writes its verdict; closure requests only
         * @return this builder
         */
        public Builder preferredVerdictPath(String preferredVerdictPath) {
            this.preferredVerdictPath = preferredVerdictPath;
            return this;
        }

        /**
         * Sets {@code preferred_report_path}.
         *
         * @param preferredReportPath where the arbiter writes its report; closure requests only
         * @return this builder
         */
        public Builder preferredReportPath(String preferredReportPath) {
            this.preferredReportPath = preferredReportPath;
            return this;
        }

        /**
         * Sets {@code run_dir}.
         *
         * @param runDir absolute path of the run directory
         * @return this builder
         */
        public Builder runDir(String runDir) {
            this.runDir = runDir;
            return this;
        }

        /**
         * Sets {@code summary_status_path}.
         *
         * @param summaryStatusPath the plane status file (written by the runtime only)
         * @return this builder
         */
        public Builder summaryStatusPath(String summaryStatusPath) {
            this.summaryStatusPath = summaryStatusPath;
            return this;
        }

        /**
         * Sets {@code runtime_snapshot_path}.
         *
         * @param runtimeSnapshotPath the runtime snapshot file
         * @return this builder
         */
        public Builder runtimeSnapshotPath(String runtimeSnapshotPath) {
            this.runtimeSnapshotPath = runtimeSnapshotPath;
            return this;
        }

        /**
         * Sets {@code recovery_counters_path}.
         *
         * @param recoveryCountersPath the recovery counters file
         * @return this builder
         */
        public Builder recoveryCountersPath(String recoveryCountersPath) {
            this.recoveryCountersPath = recoveryCountersPath;
            return this;
        }

        /**
         * Sets {@code preferred_troubleshoot_report_path}.
         *
         * @param preferredTroubleshootReportPath where a troubleshoot report goes; may be null
         * @return this builder
         */
        public Builder preferredTroubleshootReportPath(String preferredTroubleshootReportPath) {
            this.preferredTroubleshootReportPath = preferredTroubleshootReportPath;
            return this;
        }

        /**
         * Sets {@code runtime_error_code}.
         *
         * @param runtimeErrorCode runtime error code for troubleshooter or mechanic repairs; may be null
         * @return this builder
         */
        public Builder runtimeErrorCode(String runtimeErrorCode) {
            this.runtimeErrorCode = runtimeErrorCode;
            return this;
        }

        /**
         * Sets {@code runtime_error_report_path}.
         *
         * @param runtimeErrorReportPath runtime error report for troubleshooter or mechanic repairs; may be null
         * @return this builder
         */
        public Builder runtimeErrorReportPath(String runtimeErrorReportPath) {
            this.runtimeErrorReportPath = runtimeErrorReportPath;
            return this;
        }

        /**
         * Sets {@code runtime_error_catalog_path}.
         *
         * @param runtimeErrorCatalogPath runtime error catalog, when the workspace has one; may be null
         * @return this builder
         */
        public Builder runtimeErrorCatalogPath(String runtimeErrorCatalogPath) {
            this.runtimeErrorCatalogPath = runtimeErrorCatalogPath;
            return this;
        }

        /**
         * Sets {@code skill_revision_evidence_path}.
         *
         * @param skillRevisionEvidencePath where skill revision evidence goes in learning modes; may be null
         * @return this builder
         */
        public Builder skillRevisionEvidencePath(String skillRevisionEvidencePath) {
            this.skillRevisionEvidencePath = skillRevisionEvidencePath;
            return this;
        }

        /**
         * Sets {@code runner_name}.
         *
         * @param runnerName the runner id the plan bound; may be null
         * @return this builder
         */
        public Builder runnerName(String runnerName) {
            this.runnerName = runnerName;
            return this;
        }

        /**
         * Sets {@code model_name}.
         *
         * @param modelName the model the plan bound; may be null
         * @return this builder
         */
        public Builder modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /**
         * Sets {@code model_reasoning_effort}.
         *
         * @param modelReasoningEffort the reasoning effort the plan bound; may be null
         * @return this builder
         */
        public Builder modelReasoningEffort(String modelReasoningEffort) {
            this.modelReasoningEffort = modelReasoningEffort;
            return this;
        }

        /**
         * Sets {@code timeout_seconds}.
         *
         * @param timeoutSeconds the stage timeout in seconds; 0 lets the runner choose its default
         * @return this builder
         */
        public Builder timeoutSeconds(int timeoutSeconds) {
            this.timeoutSeconds = timeoutSeconds;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws ContractViolationException when an invariant is broken
         */
        public StageRunRequest build() {
            String node = nodeId != null ? nodeId : (stage != null ? stage.value() : null);
            String kind = stageKindId != null ? stageKindId : (stage != null ? stage.value() : null);
            List<String> markers = legalTerminalMarkers != null || allowedResultClassesByOutcome == null
                    ? legalTerminalMarkers : markersOf(allowedResultClassesByOutcome);
            return new StageRunRequest(
                    requestId,
                    runId,
                    plane,
                    stage,
                    requestKind,
                    modeId,
                    compiledPlanId,
                    node,
                    kind,
                    runningStatusMarker,
                    markers,
                    allowedResultClassesByOutcome,
                    entrypointPath,
                    entrypointContractId,
                    requiredSkillPaths,
                    attachedSkillPaths,
                    activeWorkItemKind,
                    activeWorkItemId,
                    activeWorkItemPath,
                    closureTargetPath,
                    closureTargetRootSpecId,
                    closureTargetRootIdeaId,
                    canonicalRootSpecPath,
                    canonicalSeedIdeaPath,
                    preferredRubricPath,
                    preferredVerdictPath,
                    preferredReportPath,
                    runDir,
                    summaryStatusPath,
                    runtimeSnapshotPath,
                    recoveryCountersPath,
                    preferredTroubleshootReportPath,
                    runtimeErrorCode,
                    runtimeErrorReportPath,
                    runtimeErrorCatalogPath,
                    skillRevisionEvidencePath,
                    runnerName,
                    modelName,
                    modelReasoningEffort,
                    timeoutSeconds);
        }
    }
}
