package ai.millrace.api.work;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.WireKind;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request to the learning plane, stored as headed markdown at
 * {@code learning/requests/<state>/<learning_request_id>.md}.
 *
 * @param learningRequestId the request id (also the file stem)
 * @param title the title (the markdown H1)
 * @param summary a summary; empty when absent
 * @param requestedAction what is asked
 * @param targetSkillId the skill concerned; may be null
 * @param targetStage the learning stage to start at; may be null
 * @param triggerMetadata trigger metadata (JSON object)
 * @param createdAt when it was created
 * @param createdBy who created it
 * @param updatedAt when it was last updated; may be null
 * @param sourceRefs source references
 * @param preferredOutputPaths preferred output paths
 * @param originatingRunIds runs that led to it (safe ids)
 * @param artifactPaths artifact paths
 * @param references references
 */
@WireKind("learning_request")
public record LearningRequestDocument(
        String learningRequestId,
        String title,
        String summary,
        LearningRequestAction requestedAction,
        String targetSkillId,
        StageId targetStage,
        Map<String, Object> triggerMetadata,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        List<String> sourceRefs,
        List<String> preferredOutputPaths,
        List<String> originatingRunIds,
        List<String> artifactPaths,
        List<String> references) implements WorkDocument {

    /**
     * Validates the invariants and copies collections.
     *
     * @param learningRequestId the request id (also the file stem)
     * @param title the title (the markdown H1)
     * @param summary a summary; empty when absent
     * @param requestedAction what is asked
     * @param targetSkillId the skill concerned; may be null
     * @param targetStage the learning stage to start at; may be null
     * @param triggerMetadata trigger metadata (JSON object)
     * @param createdAt when it was created
     * @param createdBy who created it
     * @param updatedAt when it was last updated; may be null
     * @param sourceRefs source references
     * @param preferredOutputPaths preferred output paths
     * @param originatingRunIds runs that led to it (safe ids)
     * @param artifactPaths artifact paths
     * @param references references
     */
    public LearningRequestDocument {
        Identifiers.requireSafeId("learning_request_id", learningRequestId);
        Identifiers.requireText("title", title);
        Objects.requireNonNull(requestedAction, "requested_action is required");
        Identifiers.optionalSafeId("target_skill_id", targetSkillId);
        triggerMetadata = Copies.json(triggerMetadata);
        Objects.requireNonNull(createdAt, "created_at is required");
        Identifiers.requireText("created_by", createdBy);
        sourceRefs = Copies.list(sourceRefs);
        preferredOutputPaths = Copies.list(preferredOutputPaths);
        originatingRunIds = Copies.list(originatingRunIds);
        artifactPaths = Copies.list(artifactPaths);
        references = Copies.list(references);
        summary = summary == null ? "" : summary;
        originatingRunIds.forEach(id -> Identifiers.requireSafeId("originating_run_ids", id));
        StageId t = targetStage;
        if (t != null) {
            StageMetadataRegistry.builtIn().find(t).ifPresent(m -> {
                if (m.plane() != Plane.LEARNING) {
                    throw new ContractViolationException("target_stage '" + t + "' is not a learning stage");
                }
            });
        }
    }

    @Override
    public String id() {
        return learningRequestId;
    }

    @Override
    public WorkItemKind workItemKind() {
        return WorkItemKind.LEARNING_REQUEST;
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
        b.learningRequestId = learningRequestId;
        b.title = title;
        b.summary = summary;
        b.requestedAction = requestedAction;
        b.targetSkillId = targetSkillId;
        b.targetStage = targetStage;
        b.triggerMetadata = triggerMetadata;
        b.createdAt = createdAt;
        b.createdBy = createdBy;
        b.updatedAt = updatedAt;
        b.sourceRefs = sourceRefs;
        b.preferredOutputPaths = preferredOutputPaths;
        b.originatingRunIds = originatingRunIds;
        b.artifactPaths = artifactPaths;
        b.references = references;
        return b;
    }

    /**
     * Builds a {@link LearningRequestDocument}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String learningRequestId;
        private String title;
        private String summary;
        private LearningRequestAction requestedAction;
        private String targetSkillId;
        private StageId targetStage;
        private Map<String, Object> triggerMetadata;
        private Instant createdAt;
        private String createdBy;
        private Instant updatedAt;
        private List<String> sourceRefs;
        private List<String> preferredOutputPaths;
        private List<String> originatingRunIds;
        private List<String> artifactPaths;
        private List<String> references;

        private Builder() {
        }

        /**
         * Sets {@code learning_request_id}.
         *
         * @param learningRequestId the request id (also the file stem)
         * @return this builder
         */
        public Builder learningRequestId(String learningRequestId) {
            this.learningRequestId = learningRequestId;
            return this;
        }

        /**
         * Sets {@code title}.
         *
         * @param title the title (the markdown H1)
         * @return this builder
         */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * Sets {@code summary}.
         *
         * @param summary a summary; empty when absent
         * @return this builder
         */
        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /**
         * Sets {@code requested_action}.
         *
         * @param requestedAction what is asked
         * @return this builder
         */
        public Builder requestedAction(LearningRequestAction requestedAction) {
            this.requestedAction = requestedAction;
            return this;
        }

        /**
         * Sets {@code target_skill_id}.
         *
         * @param targetSkillId the skill concerned; may be null
         * @return this builder
         */
        public Builder targetSkillId(String targetSkillId) {
            this.targetSkillId = targetSkillId;
            return this;
        }

        /**
         * Sets {@code target_stage}.
         *
         * @param targetStage the learning stage to start at; may be null
         * @return this builder
         */
        public Builder targetStage(StageId targetStage) {
            this.targetStage = targetStage;
            return this;
        }

        /**
         * Sets {@code trigger_metadata}.
         *
         * @param triggerMetadata trigger metadata (JSON object)
         * @return this builder
         */
        public Builder triggerMetadata(Map<String, Object> triggerMetadata) {
            this.triggerMetadata = triggerMetadata;
            return this;
        }

        /**
         * Sets {@code created_at}.
         *
         * @param createdAt when it was created
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * Sets {@code created_by}.
         *
         * @param createdBy who created it
         * @return this builder
         */
        public Builder createdBy(String createdBy) {
            this.createdBy = createdBy;
            return this;
        }

        /**
         * Sets {@code updated_at}.
         *
         * @param updatedAt when it was last updated; may be null
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /**
         * Sets {@code source_refs}.
         *
         * @param sourceRefs source references
         * @return this builder
         */
        public Builder sourceRefs(List<String> sourceRefs) {
            this.sourceRefs = sourceRefs;
            return this;
        }

        /**
         * Sets {@code preferred_output_paths}.
         *
         * @param preferredOutputPaths preferred output paths
         * @return this builder
         */
        public Builder preferredOutputPaths(List<String> preferredOutputPaths) {
            this.preferredOutputPaths = preferredOutputPaths;
            return this;
        }

        /**
         * Sets {@code originating_run_ids}.
         *
         * @param originatingRunIds runs that led to it (safe ids)
         * @return this builder
         */
        public Builder originatingRunIds(List<String> originatingRunIds) {
            this.originatingRunIds = originatingRunIds;
            return this;
        }

        /**
         * Sets {@code artifact_paths}.
         *
         * @param artifactPaths artifact paths
         * @return this builder
         */
        public Builder artifactPaths(List<String> artifactPaths) {
            this.artifactPaths = artifactPaths;
            return this;
        }

        /**
         * Sets {@code references}.
         *
         * @param references references
         * @return this builder
         */
        public Builder references(List<String> references) {
            this.references = references;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public LearningRequestDocument build() {
            return new LearningRequestDocument(learningRequestId, title, summary, requestedAction, targetSkillId, targetStage, triggerMetadata, createdAt, createdBy, updatedAt, sourceRefs, preferredOutputPaths, originatingRunIds, artifactPaths, references);
        }
    }
}
