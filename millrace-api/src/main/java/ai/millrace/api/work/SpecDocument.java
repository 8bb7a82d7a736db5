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
 * A planning spec, stored as headed markdown at {@code specs/<state>/<spec_id>.md}.
 *
 * <p>Required: id, title, source type, creation time and author, and at least one goal,
 * constraint, acceptance criterion and reference. An empty summary is allowed.
 *
 * @param specId the spec id (also the file stem)
 * @param title the title (the markdown H1)
 * @param summary the summary; may be empty, never null
 * @param sourceType where the spec came from
 * @param sourceId the id of its source; may be null
 * @param parentSpecId the parent spec; may be null
 * @param rootIdeaId the lineage root idea; may be null
 * @param rootSpecId the lineage root spec; may be null
 * @param createdAt when it was created
 * @param createdBy who created it
 * @param updatedAt when it was last updated; may be null
 * @param goals goals (at least one)
 * @param nonGoals non-goals
 * @param scope scope notes
 * @param constraints constraints (at least one)
 * @param assumptions assumptions
 * @param risks risks
 * @param targetPaths target paths
 * @param entrypoints entrypoints
 * @param requiredSkills required skills
 * @param decompositionHints hints for the manager
 * @param acceptance acceptance criteria (at least one)
 * @param references references (at least one)
 */
@WireKind("spec")
public record SpecDocument(
        String specId,
        String title,
        String summary,
        SpecSourceType sourceType,
        String sourceId,
        String parentSpecId,
        String rootIdeaId,
        String rootSpecId,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        List<String> goals,
        List<String> nonGoals,
        List<String> scope,
        List<String> constraints,
        List<String> assumptions,
        List<String> risks,
        List<String> targetPaths,
        List<String> entrypoints,
        List<String> requiredSkills,
        List<String> decompositionHints,
        List<String> acceptance,
        List<String> references) implements WorkDocument {

    /**
     * Validates the invariants and copies collections.
     *
     * @param specId the spec id (also the file stem)
     * @param title the title (the markdown H1)
     * @param summary the summary; may be empty, never null
     * @param sourceType where the spec came from
     * @param sourceId the id of its source; may be null
     * @param parentSpecId the parent spec; may be null
     * @param rootIdeaId the lineage root idea; may be null
     * @param rootSpecId the lineage root spec; may be null
     * @param createdAt when it was created
     * @param createdBy who created it
     * @param updatedAt when it was last updated; may be null
     * @param goals goals (at least one)
     * @param nonGoals non-goals
     * @param scope scope notes
     * @param constraints constraints (at least one)
     * @param assumptions assumptions
     * @param risks risks
     * @param targetPaths target paths
     * @param entrypoints entrypoints
     * @param requiredSkills required skills
     * @param decompositionHints hints for the manager
     * @param acceptance acceptance criteria (at least one)
     * @param references references (at least one)
     */
    public SpecDocument {
        Identifiers.requireSafeId("spec_id", specId);
        Identifiers.requireText("title", title);
        Objects.requireNonNull(sourceType, "source_type is required");
        Identifiers.optionalSafeId("source_id", sourceId);
        Identifiers.optionalSafeId("parent_spec_id", parentSpecId);
        Identifiers.optionalSafeId("root_idea_id", rootIdeaId);
        Identifiers.optionalSafeId("root_spec_id", rootSpecId);
        Objects.requireNonNull(createdAt, "created_at is required");
        Identifiers.requireText("created_by", createdBy);
        goals = Copies.list(goals);
        nonGoals = Copies.list(nonGoals);
        scope = Copies.list(scope);
        constraints = Copies.list(constraints);
        assumptions = Copies.list(assumptions);
        risks = Copies.list(risks);
        targetPaths = Copies.list(targetPaths);
        entrypoints = Copies.list(entrypoints);
        requiredSkills = Copies.list(requiredSkills);
        decompositionHints = Copies.list(decompositionHints);
        acceptance = Copies.list(acceptance);
        references = Copies.list(references);
        summary = summary == null ? "" : summary;
        if (goals.isEmpty()) {
            throw new ContractViolationException("goals must contain at least one item");
        }
        if (constraints.isEmpty()) {
            throw new ContractViolationException("constraints must contain at least one item");
        }
        if (acceptance.isEmpty()) {
            throw new ContractViolationException("acceptance must contain at least one item");
        }
        if (references.isEmpty()) {
            throw new ContractViolationException("references must contain at least one item");
        }
    }

    @Override
    public String id() {
        return specId;
    }

    @Override
    public WorkItemKind workItemKind() {
        return WorkItemKind.SPEC;
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
        b.specId = specId;
        b.title = title;
        b.summary = summary;
        b.sourceType = sourceType;
        b.sourceId = sourceId;
        b.parentSpecId = parentSpecId;
        b.rootIdeaId = rootIdeaId;
        b.rootSpecId = rootSpecId;
        b.createdAt = createdAt;
        b.createdBy = createdBy;
        b.updatedAt = updatedAt;
        b.goals = goals;
        b.nonGoals = nonGoals;
        b.scope = scope;
        b.constraints = constraints;
        b.assumptions = assumptions;
        b.risks = risks;
        b.targetPaths = targetPaths;
        b.entrypoints = entrypoints;
        b.requiredSkills = requiredSkills;
        b.decompositionHints = decompositionHints;
        b.acceptance = acceptance;
        b.references = references;
        return b;
    }

    /**
     * Builds a {@link SpecDocument}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String specId;
        private String title;
        private String summary;
        private SpecSourceType sourceType;
        private String sourceId;
        private String parentSpecId;
        private String rootIdeaId;
        private String rootSpecId;
        private Instant createdAt;
        private String createdBy;
        private Instant updatedAt;
        private List<String> goals;
        private List<String> nonGoals;
        private List<String> scope;
        private List<String> constraints;
        private List<String> assumptions;
        private List<String> risks;
        private List<String> targetPaths;
        private List<String> entrypoints;
        private List<String> requiredSkills;
        private List<String> decompositionHints;
        private List<String> acceptance;
        private List<String> references;

        private Builder() {
        }

        /**
         * Sets {@code spec_id}.
         *
         * @param specId the spec id (also the file stem)
         * @return this builder
         */
        public Builder specId(String specId) {
            this.specId = specId;
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
         * @param summary the summary; may be empty, never null
         * @return this builder
         */
        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /**
         * Sets {@code source_type}.
         *
         * @param sourceType where the spec came from
         * @return this builder
         */
        public Builder sourceType(SpecSourceType sourceType) {
            this.sourceType = sourceType;
            return this;
        }

        /**
         * Sets {@code source_id}.
         *
         * @param sourceId the id of its source; may be null
         * @return this builder
         */
        public Builder sourceId(String sourceId) {
            this.sourceId = sourceId;
            return this;
        }

        /**
         * Sets {@code parent_spec_id}.
         *
         * @param parentSpecId the parent spec; may be null
         * @return this builder
         */
        public Builder parentSpecId(String parentSpecId) {
            this.parentSpecId = parentSpecId;
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
         * Sets {@code goals}.
         *
         * @param goals goals (at least one)
         * @return this builder
         */
        public Builder goals(List<String> goals) {
            this.goals = goals;
            return this;
        }

        /**
         * Sets {@code non_goals}.
         *
         * @param nonGoals non-goals
         * @return this builder
         */
        public Builder nonGoals(List<String> nonGoals) {
            this.nonGoals = nonGoals;
            return this;
        }

        /**
         * Sets {@code scope}.
         *
         * @param scope scope notes
         * @return this builder
         */
        public Builder scope(List<String> scope) {
            this.scope = scope;
            return this;
        }

        /**
         * Sets {@code constraints}.
         *
         * @param constraints constraints (at least one)
         * @return this builder
         */
        public Builder constraints(List<String> constraints) {
            this.constraints = constraints;
            return this;
        }

        /**
         * Sets {@code assumptions}.
         *
         * @param assumptions assumptions
         * @return this builder
         */
        public Builder assumptions(List<String> assumptions) {
            this.assumptions = assumptions;
            return this;
        }

        /**
         * Sets {@code risks}.
         *
         * @param risks risks
         * @return this builder
         */
        public Builder risks(List<String> risks) {
            this.risks = risks;
            return this;
        }

        /**
         * Sets {@code target_paths}.
         *
         * @param targetPaths target paths
         * @return this builder
         */
        public Builder targetPaths(List<String> targetPaths) {
            this.targetPaths = targetPaths;
            return this;
        }

        /**
         * Sets {@code entrypoints}.
         *
         * @param entrypoints entrypoints
         * @return this builder
         */
        public Builder entrypoints(List<String> entrypoints) {
            this.entrypoints = entrypoints;
            return this;
        }

        /**
         * Sets {@code required_skills}.
         *
         * @param requiredSkills required skills
         * @return this builder
         */
        public Builder requiredSkills(List<String> requiredSkills) {
            this.requiredSkills = requiredSkills;
            return this;
        }

        /**
         * Sets {@code decomposition_hints}.
         *
         * @param decompositionHints hints for the manager
         * @return this builder
         */
        public Builder decompositionHints(List<String> decompositionHints) {
            this.decompositionHints = decompositionHints;
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
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public SpecDocument build() {
            return new SpecDocument(specId, title, summary, sourceType, sourceId, parentSpecId, rootIdeaId, rootSpecId, createdAt, createdBy, updatedAt, goals, nonGoals, scope, constraints, assumptions, risks, targetPaths, entrypoints, requiredSkills, decompositionHints, acceptance, references);
        }
    }
}
