package ai.millrace.api.work;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import ai.millrace.api.WireKind;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An execution task, stored as headed markdown at {@code tasks/<state>/<task_id>.md}.
 *
 * <p>Required: id, title, creation time and author, and at least one target path, acceptance
 * criterion, required check, reference and risk.
 *
 * @param taskId the task id (also the file stem)
 * @param title the title (the markdown H1)
 * @param summary a one-line summary; empty when absent
 * @param rootIdeaId the lineage root idea; may be null
 * @param rootSpecId the lineage root spec; may be null
 * @param specId the spec this task implements; may be null
 * @param parentTaskId the parent task; may be null
 * @param incidentId the incident this task answers; may be null
 * @param statusHint a status hint; may be null
 * @param createdAt when it was created
 * @param createdBy who created it
 * @param updatedAt when it was last updated; may be null
 * @param dependsOn ids of tasks that must be done first
 * @param blocks ids of tasks this one blocks
 * @param tags free tags
 * @param targetPaths paths the task changes (at least one)
 * @param acceptance acceptance criteria (at least one)
 * @param requiredChecks checks that must pass (at least one)
 * @param references references (at least one)
 * @param risk risks (at least one)
 */
@WireKind("task")
public record TaskDocument(
        String taskId,
        String title,
        String summary,
        String rootIdeaId,
        String rootSpecId,
        String specId,
        String parentTaskId,
        String incidentId,
        TaskStatusHint statusHint,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        List<String> dependsOn,
        List<String> blocks,
        List<String> tags,
        List<String> targetPaths,
        List<String> acceptance,
        List<String> requiredChecks,
        List<String> references,
        List<String> risk) implements WorkDocument {

    /**
     * Validates the invariants and copies collections.
     *
     * @param taskId the task id (also the file stem)
     * @param title the title (the markdown H1)
     * @param summary a one-line summary; empty when absent
     * @param rootIdeaId the lineage root idea; may be null
     * @param rootSpecId the lineage root spec; may be null
     * @param specId the spec this task implements; may be null
     * @param parentTaskId the parent task; may be null
     * @param incidentId the incident this task answers; may be null
     * @param statusHint a status hint; may be null
     * @param createdAt when it was created
     * @param createdBy who created it
     * @param updatedAt when it was last updated; may be null
     * @param dependsOn ids of tasks that must be done first
     * @param blocks ids of tasks this one blocks
     * @param tags free tags
     * @param targetPaths paths the task changes (at least one)
     * @param acceptance acceptance criteria (at least one)
     * @param requiredChecks checks that must pass (at least one)
     * @param references references (at least one)
     * @param risk risks (at least one)
     */
    public TaskDocument {
        Identifiers.requireSafeId("task_id", taskId);
        Identifiers.requireText("title", title);
        Identifiers.optionalSafeId("root_idea_id", rootIdeaId);
        Identifiers.optionalSafeId("root_spec_id", rootSpecId);
        Identifiers.optionalSafeId("spec_id", specId);
        Identifiers.optionalSafeId("parent_task_id", parentTaskId);
        Identifiers.optionalSafeId("incident_id", incidentId);
        Objects.requireNonNull(createdAt, "created_at is required");
        Identifiers.requireText("created_by", createdBy);
        dependsOn = Copies.list(dependsOn);
        blocks = Copies.list(blocks);
        tags = Copies.list(tags);
        targetPaths = Copies.list(targetPaths);
        acceptance = Copies.list(acceptance);
        requiredChecks = Copies.list(requiredChecks);
        references = Copies.list(references);
        risk = Copies.list(risk);
        summary = summary == null ? "" : summary;
        if (targetPaths.isEmpty()) {
            throw new ContractViolationException("target_paths must contain at least one item");
        }
        if (acceptance.isEmpty()) {
            throw new ContractViolationException("acceptance must contain at least one item");
        }
        if (requiredChecks.isEmpty()) {
            throw new ContractViolationException("required_checks must contain at least one item");
        }
        if (references.isEmpty()) {
            throw new ContractViolationException("references must contain at least one item");
        }
        if (risk.isEmpty()) {
            throw new ContractViolationException("risk must contain at least one item");
        }
    }

    @Override
    public String id() {
        return taskId;
    }

    @Override
    public WorkItemKind workItemKind() {
        return WorkItemKind.TASK;
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
        b.taskId = taskId;
        b.title = title;
        b.summary = summary;
        b.rootIdeaId = rootIdeaId;
        b.rootSpecId = rootSpecId;
        b.specId = specId;
        b.parentTaskId = parentTaskId;
        b.incidentId = incidentId;
        b.statusHint = statusHint;
        b.createdAt = createdAt;
        b.createdBy = createdBy;
        b.updatedAt = updatedAt;
        b.dependsOn = dependsOn;
        b.blocks = blocks;
        b.tags = tags;
        b.targetPaths = targetPaths;
        b.acceptance = acceptance;
        b.requiredChecks = requiredChecks;
        b.references = references;
        b.risk = risk;
        return b;
    }

    /**
     * Builds a {@link TaskDocument}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String taskId;
        private String title;
        private String summary;
        private String rootIdeaId;
        private String rootSpecId;
        private String specId;
        private String parentTaskId;
        private String incidentId;
        private TaskStatusHint statusHint;
        private Instant createdAt;
        private String createdBy;
        private Instant updatedAt;
        private List<String> dependsOn;
        private List<String> blocks;
        private List<String> tags;
        private List<String> targetPaths;
        private List<String> acceptance;
        private List<String> requiredChecks;
        private List<String> references;
        private List<String> risk;

        private Builder() {
        }

        /**
         * Sets {@code task_id}.
         *
         * @param taskId the task id (also the file stem)
         * @return this builder
         */
        public Builder taskId(String taskId) {
            this.taskId = taskId;
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
         * @param summary a one-line summary; empty when absent
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
         * Sets {@code spec_id}.
         *
         * @param specId the spec this task implements; may be null
         * @return this builder
         */
        public Builder specId(String specId) {
            this.specId = specId;
            return this;
        }

        /**
         * Sets {@code parent_task_id}.
         *
         * @param parentTaskId the parent task; may be null
         * @return this builder
         */
        public Builder parentTaskId(String parentTaskId) {
            this.parentTaskId = parentTaskId;
            return this;
        }

        /**
         * Sets {@code incident_id}.
         *
         * @param incidentId the incident this task answers; may be null
         * @return this builder
         */
        public Builder incidentId(String incidentId) {
            this.incidentId = incidentId;
            return this;
        }

        /**
         * Sets {@code status_hint}.
         *
         * @param statusHint a status hint; may be null
         * @return this builder
         */
        public Builder statusHint(TaskStatusHint statusHint) {
            this.statusHint = statusHint;
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
         * Sets {@code depends_on}.
         *
         * @param dependsOn ids of tasks that must be done first
         * @return this builder
         */
        public Builder dependsOn(List<String> dependsOn) {
            this.dependsOn = dependsOn;
            return this;
        }

        /**
         * Sets {@code blocks}.
         *
         * @param blocks ids of tasks this one blocks
         * @return this builder
         */
        public Builder blocks(List<String> blocks) {
            this.blocks = blocks;
            return this;
        }

        /**
         * Sets {@code tags}.
         *
         * @param tags free tags
         * @return this builder
         */
        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        /**
         * Sets {@code target_paths}.
         *
         * @param targetPaths paths the task changes (at least one)
         * @return this builder
         */
        public Builder targetPaths(List<String> targetPaths) {
            this.targetPaths = targetPaths;
            return this;
        }

        /**
         * Sets {@code acceptance}.
         *
         * @param acceptance acceptance criteria (at least one)
         * @return this builder
         */
        public Builder acceptance(List<String> acceptance) {
            this.acceptance = acceptance;
            return this;
        }

        /**
         * Sets {@code required_checks}.
         *
         * @param requiredChecks checks that must pass (at least one)
         * @return this builder
         */
        public Builder requiredChecks(List<String> requiredChecks) {
            this.requiredChecks = requiredChecks;
            return this;
        }

        /**
         * Sets {@code references}.
         *
         * @param references references (at least one)
         * @return this builder
         */
        public Builder references(List<String> references) {
            this.references = references;
            return this;
        }

        /**
         * Sets {@code risk}.
         *
         * @param risk risks (at least one)
         * @return this builder
         */
        public Builder risk(List<String> risk) {
            this.risk = risk;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public TaskDocument build() {
            return new TaskDocument(taskId, title, summary, rootIdeaId, rootSpecId, specId, parentTaskId, incidentId, statusHint, createdAt, createdBy, updatedAt, dependsOn, blocks, tags, targetPaths, acceptance, requiredChecks, references, risk);
        }
    }
}
