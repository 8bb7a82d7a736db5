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
import java.util.Objects;

/**
 * An incident that needs planning, stored as headed markdown at
 * {@code incidents/<state>/<incident_id>.md}.
 *
 * @param incidentId the incident id (also the file stem)
 * @param title the title (the markdown H1)
 * @param summary the summary
 * @param rootIdeaId the lineage root idea; may be null
 * @param rootSpecId the lineage root spec; may be null
 * @param sourceTaskId the task it came from; may be null
 * @param sourceSpecId the spec it came from; may be null
 * @param sourceStage the stage that raised it
 * @param sourcePlane the plane of that stage
 * @param failureClass the failure class
 * @param statusHint a status hint; may be null
 * @param severity the severity; defaults to {@code medium}
 * @param needsPlanning whether planning must take it (default true)
 * @param triggerReason why it was raised
 * @param consultantDecision the consultant decision
 * @param openedAt when it was opened
 * @param openedBy who opened it
 * @param updatedAt when it was last updated; may be null
 * @param observedSymptoms observed symptoms
 * @param failedAttempts failed attempts
 * @param evidencePaths evidence paths
 * @param relatedRunIds related run ids
 * @param relatedStageResults related stage result files
 * @param references references
 */
@WireKind("incident")
public record IncidentDocument(
        String incidentId,
        String title,
        String summary,
        String rootIdeaId,
        String rootSpecId,
        String sourceTaskId,
        String sourceSpecId,
        StageId sourceStage,
        Plane sourcePlane,
        String failureClass,
        IncidentStatusHint statusHint,
        IncidentSeverity severity,
        Boolean needsPlanning,
        String triggerReason,
        IncidentDecision consultantDecision,
        Instant openedAt,
        String openedBy,
        Instant updatedAt,
        List<String> observedSymptoms,
        List<String> failedAttempts,
        List<String> evidencePaths,
        List<String> relatedRunIds,
        List<String> relatedStageResults,
        List<String> references) implements WorkDocument {

    /**
     * Validates the invariants and copies collections.
     *
     * @param incidentId the incident id (also the file stem)
     * @param title the title (the markdown H1)
     * @param summary the summary
     * @param rootIdeaId the lineage root idea; may be null
     * @param rootSpecId the lineage root spec; may be null
     * @param sourceTaskId the task it came from; may be null
     * @param sourceSpecId the spec it came from; may be null
     * @param sourceStage the stage that raised it
     * @param sourcePlane the plane of that stage
     * @param failureClass the failure class
     * @param statusHint a status hint; may be null
     * @param severity the severity; defaults to {@code medium}
     * @param needsPlanning whether planning must take it (default true)
     * @param triggerReason why it was raised
     * @param consultantDecision the consultant decision
     * @param openedAt when it was opened
     * @param openedBy who opened it
     * @param updatedAt when it was last updated; may be null
     * @param observedSymptoms observed symptoms
     * @param failedAttempts failed attempts
     * @param evidencePaths evidence paths
     * @param relatedRunIds related run ids
     * @param relatedStageResults related stage result files
     * @param references references
     */
    public IncidentDocument {
        Identifiers.requireSafeId("incident_id", incidentId);
        Identifiers.requireText("title", title);
        Identifiers.requireText("summary", summary);
        Identifiers.optionalSafeId("root_idea_id", rootIdeaId);
        Identifiers.optionalSafeId("root_spec_id", rootSpecId);
        Identifiers.optionalSafeId("source_task_id", sourceTaskId);
        Identifiers.optionalSafeId("source_spec_id", sourceSpecId);
        Objects.requireNonNull(sourceStage, "source_stage is required");
        Objects.requireNonNull(sourcePlane, "source_plane is required");
        Identifiers.requireText("failure_class", failureClass);
        needsPlanning = needsPlanning == null ? Boolean.TRUE : needsPlanning;
        Identifiers.requireText("trigger_reason", triggerReason);
        Objects.requireNonNull(consultantDecision, "consultant_decision is required");
        Objects.requireNonNull(openedAt, "opened_at is required");
        Identifiers.requireText("opened_by", openedBy);
        observedSymptoms = Copies.list(observedSymptoms);
        failedAttempts = Copies.list(failedAttempts);
        evidencePaths = Copies.list(evidencePaths);
        relatedRunIds = Copies.list(relatedRunIds);
        relatedStageResults = Copies.list(relatedStageResults);
        references = Copies.list(references);
        severity = severity == null ? IncidentSeverity.MEDIUM : severity;
        Plane p = sourcePlane;
        StageId s = sourceStage;
        StageMetadataRegistry.builtIn().find(s).ifPresent(m -> {
            if (m.plane() != p) {
                throw new ContractViolationException("source_stage '" + s + "' does not belong to source_plane " + p);
            }
        });
    }

    @Override
    public String id() {
        return incidentId;
    }

    @Override
    public WorkItemKind workItemKind() {
        return WorkItemKind.INCIDENT;
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
        b.incidentId = incidentId;
        b.title = title;
        b.summary = summary;
        b.rootIdeaId = rootIdeaId;
        b.rootSpecId = rootSpecId;
        b.sourceTaskId = sourceTaskId;
        b.sourceSpecId = sourceSpecId;
        b.sourceStage = sourceStage;
        b.sourcePlane = sourcePlane;
        b.failureClass = failureClass;
        b.statusHint = statusHint;
        b.severity = severity;
        b.needsPlanning = needsPlanning;
        b.triggerReason = triggerReason;
        b.consultantDecision = consultantDecision;
        b.openedAt = openedAt;
        b.openedBy = openedBy;
        b.updatedAt = updatedAt;
        b.observedSymptoms = observedSymptoms;
        b.failedAttempts = failedAttempts;
        b.evidencePaths = evidencePaths;
        b.relatedRunIds = relatedRunIds;
        b.relatedStageResults = relatedStageResults;
        b.references = references;
        return b;
    }

    /**
     * Builds a {@link IncidentDocument}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String incidentId;
        private String title;
        private String summary;
        private String rootIdeaId;
        private String rootSpecId;
        private String sourceTaskId;
        private String sourceSpecId;
        private StageId sourceStage;
        private Plane sourcePlane;
        private String failureClass;
        private IncidentStatusHint statusHint;
        private IncidentSeverity severity;
        private Boolean needsPlanning;
        private String triggerReason;
        private IncidentDecision consultantDecision;
        private Instant openedAt;
        private String openedBy;
        private Instant updatedAt;
        private List<String> observedSymptoms;
        private List<String> failedAttempts;
        private List<String> evidencePaths;
        private List<String> relatedRunIds;
        private List<String> relatedStageResults;
        private List<String> references;

        private Builder() {
        }

        /**
         * Sets {@code incident_id}.
         *
         * @param incidentId the incident id (also the file stem)
         * @return this builder
         */
        public Builder incidentId(String incidentId) {
            this.incidentId = incidentId;
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
         * @param summary the summary
         * @return this builder
         */
        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /**
         * Sets {@code root_idea_id}.
         *
         * @param rootIdeaId the lineage root idea; may be null
         * @return this builder
         */
        public Builder rootIdeaId(String rootIdeaId) {
            this.rootIdeaId = rootIdeaId;
            return this;
        }

        /**
         * Sets {@code root_spec_id}.
         *
         * @param rootSpecId the lineage root spec; may be null
         * @return this builder
         */
        public Builder rootSpecId(String rootSpecId) {
            this.rootSpecId = rootSpecId;
            return this;
        }

        /**
         * Sets {@code source_task_id}.
         *
         * @param sourceTaskId the task it came from; may be null
         * @return this builder
         */
        public Builder sourceTaskId(String sourceTaskId) {
            this.sourceTaskId = sourceTaskId;
            return this;
        }

        /**
         * Sets {@code source_spec_id}.
         *
         * @param sourceSpecId the spec it came from; may be null
         * @return this builder
         */
        public Builder sourceSpecId(String sourceSpecId) {
            this.sourceSpecId = sourceSpecId;
            return this;
        }

        /**
         * Sets {@code source_stage}.
         *
         * @param sourceStage the stage that raised it
         * @return this builder
         */
        public Builder sourceStage(StageId sourceStage) {
            this.sourceStage = sourceStage;
            return this;
        }

        /**
         * Sets {@code source_plane}.
         *
         * @param sourcePlane the plane of that stage
         * @return this builder
         */
        public Builder sourcePlane(Plane sourcePlane) {
            this.sourcePlane = sourcePlane;
            return this;
        }

        /**
         * Sets {@code failure_class}.
         *
         * @param failureClass the failure class
         * @return this builder
         */
        public Builder failureClass(String failureClass) {
            this.failureClass = failureClass;
            return this;
        }

        /**
         * Sets {@code status_hint}.
         *
         * @param statusHint a status hint; may be null
         * @return this builder
         */
        public Builder statusHint(IncidentStatusHint statusHint) {
            this.statusHint = statusHint;
            return this;
        }

        /**
         * Sets {@code severity}.
         *
         * @param severity the severity; defaults to {@code medium}
         * @return this builder
         */
        public Builder severity(IncidentSeverity severity) {
            this.severity = severity;
            return this;
        }

        /**
         * Sets {@code needs_planning}.
         *
         * @param needsPlanning whether planning must take it (default true)
         * @return this builder
         */
        public Builder needsPlanning(Boolean needsPlanning) {
            this.needsPlanning = needsPlanning;
            return this;
        }

        /**
         * Sets {@code trigger_reason}.
         *
         * @param triggerReason why it was raised
         * @return this builder
         */
        public Builder triggerReason(String triggerReason) {
            this.triggerReason = triggerReason;
            return this;
        }

        /**
         * Sets {@code consultant_decision}.
         *
         * @param consultantDecision the consultant decision
         * @return this builder
         */
        public Builder consultantDecision(IncidentDecision consultantDecision) {
            this.consultantDecision = consultantDecision;
            return this;
        }

        /**
         * Sets {@code opened_at}.
         *
         * @param openedAt when it was opened
         * @return this builder
         */
        public Builder openedAt(Instant openedAt) {
            this.openedAt = openedAt;
            return this;
        }

        /**
         * Sets {@code opened_by}.
         *
         * @param openedBy who opened it
         * @return this builder
         */
        public Builder openedBy(String openedBy) {
            this.openedBy = openedBy;
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
         * Sets {@code observed_symptoms}.
         *
         * @param observedSymptoms observed symptoms
         * @return this builder
         */
        public Builder observedSymptoms(List<String> observedSymptoms) {
            this.observedSymptoms = observedSymptoms;
            return this;
        }

        /**
         * Sets {@code failed_attempts}.
         *
         * @param failedAttempts failed attempts
         * @return this builder
         */
        public Builder failedAttempts(List<String> failedAttempts) {
            this.failedAttempts = failedAttempts;
            return this;
        }

        /**
         * Sets {@code evidence_paths}.
         *
         * @param evidencePaths evidence paths
         * @return this builder
         */
        public Builder evidencePaths(List<String> evidencePaths) {
            this.evidencePaths = evidencePaths;
            return this;
        }

        /**
         * Sets {@code related_run_ids}.
         *
         * @param relatedRunIds related run ids
         * @return this builder
         */
        public Builder relatedRunIds(List<String> relatedRunIds) {
            this.relatedRunIds = relatedRunIds;
            return this;
        }

        /**
         * Sets {@code related_stage_results}.
         *
         * @param relatedStageResults related stage result files
         * @return this builder
         */
        public Builder relatedStageResults(List<String> relatedStageResults) {
            this.relatedStageResults = relatedStageResults;
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
        public IncidentDocument build() {
            return new IncidentDocument(incidentId, title, summary, rootIdeaId, rootSpecId, sourceTaskId, sourceSpecId, sourceStage, sourcePlane, failureClass, statusHint, severity, needsPlanning, triggerReason, consultantDecision, openedAt, openedBy, updatedAt, observedSymptoms, failedAttempts, evidencePaths, relatedRunIds, relatedStageResults, references);
        }
    }
}
