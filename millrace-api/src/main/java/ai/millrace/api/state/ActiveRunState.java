package ai.millrace.api.state;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.RequestKind;
import java.time.Instant;
import java.util.Objects;

/**
 * The run a plane is working on: its current stage and node, its run id, and what it works on.
 *
 * <p>Invariants: a built-in stage belongs to {@code plane}; work kind and id are set together;
 * {@code active_work_item} runs carry a task, spec or incident and no closure fields;
 * {@code learning_request} runs are on the learning plane with a learning request;
 * {@code closure_target} runs are on the planning plane with a root spec id and no work item.
 *
 * @param plane the plane
 * @param stage the current stage
 * @param nodeId the current graph node
 * @param stageKindId the current stage kind
 * @param runId the run id of this activation
 * @param requestKind what the run is about; defaults to {@code active_work_item}
 * @param workItemKind the work item kind; null for closure targets
 * @param workItemId the work item id; null for closure targets
 * @param closureTargetRootSpecId the closure target root spec; closure runs only
 * @param closureTargetRootIdeaId the closure target root idea; closure runs only
 * @param activeSince when the run was activated
 * @param runningStatusMarker the running marker token; may be null
 */
public record ActiveRunState(
        Plane plane,
        StageId stage,
        String nodeId,
        String stageKindId,
        String runId,
        RequestKind requestKind,
        WorkItemKind workItemKind,
        String workItemId,
        String closureTargetRootSpecId,
        String closureTargetRootIdeaId,
        Instant activeSince,
        String runningStatusMarker) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param plane the plane
     * @param stage the current stage
     * @param nodeId the current graph node
     * @param stageKindId the current stage kind
     * @param runId the run id of this activation
     * @param requestKind what the run is about; defaults to {@code active_work_item}
     * @param workItemKind the work item kind; null for closure targets
     * @param workItemId the work item id; null for closure targets
     * @param closureTargetRootSpecId the closure target root spec; closure runs only
     * @param closureTargetRootIdeaId the closure target root idea; closure runs only
     * @param activeSince when the run was activated
     * @param runningStatusMarker the running marker token; may be null
     */
    public ActiveRunState {
        Objects.requireNonNull(plane, "plane is required");
        Objects.requireNonNull(stage, "stage is required");
        Identifiers.requireText("node_id", nodeId);
        Identifiers.requireText("stage_kind_id", stageKindId);
        Identifiers.requireText("run_id", runId);
        Identifiers.optionalSafeId("work_item_id", workItemId);
        Identifiers.optionalSafeId("closure_target_root_spec_id", closureTargetRootSpecId);
        Identifiers.optionalSafeId("closure_target_root_idea_id", closureTargetRootIdeaId);
        Objects.requireNonNull(activeSince, "active_since is required");
        requestKind = requestKind == null ? RequestKind.ACTIVE_WORK_ITEM : requestKind;
        Plane p = plane;
        StageId s = stage;
        StageMetadataRegistry.builtIn().find(s).ifPresent(m -> {
            if (m.plane() != p) {
                throw new ContractViolationException("stage '" + s + "' does not belong to plane " + p);
            }
        });
        if ((workItemKind == null) != (workItemId == null)) {
            throw new ContractViolationException("work_item_kind and work_item_id must be set together");
        }
        boolean closureFields = closureTargetRootSpecId != null || closureTargetRootIdeaId != null;
        switch (requestKind) {
            case ACTIVE_WORK_ITEM:
                if (workItemKind == null || workItemKind == WorkItemKind.LEARNING_REQUEST || closureFields) {
                    throw new ContractViolationException(
                            "active_work_item runs need a task, spec or incident and no closure fields");
                }
                break;
            case LEARNING_REQUEST:
                if (plane != Plane.LEARNING || workItemKind != WorkItemKind.LEARNING_REQUEST || closureFields) {
                    throw new ContractViolationException(
                            "learning_request runs need the learning plane, a learning request and no closure fields");
                }
                break;
            case CLOSURE_TARGET:
                if (plane != Plane.PLANNING || workItemKind != null || closureTargetRootSpecId == null) {
                    throw new ContractViolationException(
                            "closure_target runs need the planning plane, a root spec id and no work item");
                }
                break;
            default:
                throw new AssertionError(requestKind);
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
        b.plane = plane;
        b.stage = stage;
        b.nodeId = nodeId;
        b.stageKindId = stageKindId;
        b.runId = runId;
        b.requestKind = requestKind;
        b.workItemKind = workItemKind;
        b.workItemId = workItemId;
        b.closureTargetRootSpecId = closureTargetRootSpecId;
        b.closureTargetRootIdeaId = closureTargetRootIdeaId;
        b.activeSince = activeSince;
        b.runningStatusMarker = runningStatusMarker;
        return b;
    }

    /**
     * Builds a {@link ActiveRunState}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private Plane plane;
        private StageId stage;
        private String nodeId;
        private String stageKindId;
        private String runId;
        private RequestKind requestKind = RequestKind.ACTIVE_WORK_ITEM;
        private WorkItemKind workItemKind;
        private String workItemId;
        private String closureTargetRootSpecId;
        private String closureTargetRootIdeaId;
        private Instant activeSince;
        private String runningStatusMarker;

        private Builder() {
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
         * Sets {@code stage}.
         *
         * @param stage the current stage
         * @return this builder
         */
        public Builder stage(StageId stage) {
            this.stage = stage;
            return this;
        }

        /**
         * Sets {@code node_id}.
         *
         * @param nodeId the current graph node
         * @return this builder
         */
        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /**
         * Sets {@code stage_kind_id}.
         *
         * @param stageKindId the current stage kind
         * @return this builder
         */
        public Builder stageKindId(String stageKindId) {
            this.stageKindId = stageKindId;
            return this;
        }

        /**
         * Sets {@code run_id}.
         *
         * @param runId the run id of this activation
         * @return this builder
         */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /**
         * Sets {@code request_kind}.
         *
         * @param requestKind what the run is about; defaults to {@code active_work_item}
         * @return this builder
         */
        public Builder requestKind(RequestKind requestKind) {
            this.requestKind = requestKind;
            return this;
        }

        /**
         * Sets {@code work_item_kind}.
         *
         * @param workItemKind the work item kind; null for closure targets
         * @return this builder
         */
        public Builder workItemKind(WorkItemKind workItemKind) {
            this.workItemKind = workItemKind;
            return this;
        }

        /**
         * Sets {@code work_item_id}.
         *
         * @param workItemId the work item id; null for closure targets
         * @return this builder
         */
        public Builder workItemId(String workItemId) {
            this.workItemId = workItemId;
            return this;
        }

        /**
         * Sets {@code closure_target_root_spec_id}.
         *
         * @param closureTargetRootSpecId the closure target root spec; closure runs only
         * @return this builder
         */
        public Builder closureTargetRootSpecId(String closureTargetRootSpecId) {
            this.closureTargetRootSpecId = closureTargetRootSpecId;
            return this;
        }

        /**
         * Sets {@code closure_target_root_idea_id}.
         *
         * @param closureTargetRootIdeaId the closure target root idea; closure runs only
         * @return this builder
         */
        public Builder closureTargetRootIdeaId(String closureTargetRootIdeaId) {
            this.closureTargetRootIdeaId = closureTargetRootIdeaId;
            return this;
        }

        /**
         * Sets {@code active_since}.
         *
         * @param activeSince when the run was activated
         * @return this builder
         */
        public Builder activeSince(Instant activeSince) {
            this.activeSince = activeSince;
            return this;
        }

        /**
         * Sets {@code running_status_marker}.
         *
         * @param runningStatusMarker the running marker token; may be null
         * @return this builder
         */
        public Builder runningStatusMarker(String runningStatusMarker) {
            this.runningStatusMarker = runningStatusMarker;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public ActiveRunState build() {
            return new ActiveRunState(plane, stage, nodeId, stageKindId, runId, requestKind, workItemKind, workItemId, closureTargetRootSpecId, closureTargetRootIdeaId, activeSince, runningStatusMarker);
        }
    }
}
