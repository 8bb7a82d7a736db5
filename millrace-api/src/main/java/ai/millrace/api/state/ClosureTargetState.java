package ai.millrace.api.state;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import ai.millrace.api.WireKind;
import ai.millrace.api.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The closure state of one root spec's lineage,
 * {@code arbiter/targets/<root_spec_id>.json}. Work is done only when an arbiter pass over the
 * whole lineage closes its target.
 *
 * <p>Invariants: {@code closedAt} is not before {@code openedAt}; a closed target is not open;
 * non-empty {@code blockingWorkIds} imply {@code closureBlockedByLineageWork}.
 *
 * @param rootSpecId the root spec id
 * @param rootIdeaId the root idea id
 * @param rootSpecPath the canonical root spec copy
 * @param rootIdeaPath the canonical seed idea copy
 * @param rubricPath the arbiter rubric
 * @param latestVerdictPath the latest verdict; may be null
 * @param latestReportPath the latest report; may be null
 * @param closureOpen whether the target is open (default true)
 * @param closureBlockedByLineageWork whether lineage work blocks closure
 * @param blockingWorkIds ids of the blocking work items
 * @param openedAt when the target was opened
 * @param closedAt when it was closed; may be null
 * @param lastArbiterRunId the last arbiter run id; may be null
 */
@WireKind("closure_target_state")
public record ClosureTargetState(
        String rootSpecId,
        String rootIdeaId,
        String rootSpecPath,
        String rootIdeaPath,
        String rubricPath,
        String latestVerdictPath,
        String latestReportPath,
        Boolean closureOpen,
        boolean closureBlockedByLineageWork,
        List<String> blockingWorkIds,
        Instant openedAt,
        Instant closedAt,
        String lastArbiterRunId) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param rootSpecId the root spec id
     * @param rootIdeaId the root idea id
     * @param rootSpecPath the canonical root spec copy
     * @param rootIdeaPath the canonical seed idea copy
     * @param rubricPath the arbiter rubric
     * @param latestVerdictPath the latest verdict; may be null
     * @param latestReportPath the latest report; may be null
     * @param closureOpen whether the target is open (default true)
     * @param closureBlockedByLineageWork whether lineage work blocks closure
     * @param blockingWorkIds ids of the blocking work items
     * @param openedAt when the target was opened
     * @param closedAt when it was closed; may be null
     * @param lastArbiterRunId the last arbiter run id; may be null
     */
    public ClosureTargetState {
        Identifiers.requireSafeId("root_spec_id", rootSpecId);
        Identifiers.requireSafeId("root_idea_id", rootIdeaId);
        Identifiers.requireText("root_spec_path", rootSpecPath);
        Identifiers.requireText("root_idea_path", rootIdeaPath);
        Identifiers.requireText("rubric_path", rubricPath);
        closureOpen = closureOpen == null ? Boolean.TRUE : closureOpen;
        blockingWorkIds = Copies.list(blockingWorkIds);
        Objects.requireNonNull(openedAt, "opened_at is required");
        Identifiers.optionalSafeId("last_arbiter_run_id", lastArbiterRunId);
        blockingWorkIds.forEach(id -> Identifiers.requireSafeId("blocking_work_ids", id));
        if (closedAt != null && closedAt.isBefore(openedAt)) {
            throw new ContractViolationException("closed_at must not be before opened_at");
        }
        if (closedAt != null && closureOpen) {
            throw new ContractViolationException("a closed target (closed_at set) must have closure_open=false");
        }
        if (!blockingWorkIds.isEmpty() && !closureBlockedByLineageWork) {
            throw new ContractViolationException(
                    "blocking_work_ids require closure_blocked_by_lineage_work=true");
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
        b.rootSpecId = rootSpecId;
        b.rootIdeaId = rootIdeaId;
        b.rootSpecPath = rootSpecPath;
        b.rootIdeaPath = rootIdeaPath;
        b.rubricPath = rubricPath;
        b.latestVerdictPath = latestVerdictPath;
        b.latestReportPath = latestReportPath;
        b.closureOpen = closureOpen;
        b.closureBlockedByLineageWork = closureBlockedByLineageWork;
        b.blockingWorkIds = blockingWorkIds;
        b.openedAt = openedAt;
        b.closedAt = closedAt;
        b.lastArbiterRunId = lastArbiterRunId;
        return b;
    }

    /**
     * Builds a {@link ClosureTargetState}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String rootSpecId;
        private String rootIdeaId;
        private String rootSpecPath;
        private String rootIdeaPath;
        private String rubricPath;
        private String latestVerdictPath;
        private String latestReportPath;
        private Boolean closureOpen;
        private boolean closureBlockedByLineageWork;
        private List<String> blockingWorkIds;
        private Instant openedAt;
        private Instant closedAt;
        private String lastArbiterRunId;

        private Builder() {
        }

        /**
         * Sets {@code root_spec_id}.
         *
         * @param rootSpecId the root spec id
         * @return this builder
         */
        public Builder rootSpecId(String rootSpecId) {
            this.rootSpecId = rootSpecId;
            return this;
        }

        /**
         * Sets {@code root_idea_id}.
         *
         * @param rootIdeaId the root idea id
         * @return this builder
         */
        public Builder rootIdeaId(String rootIdeaId) {
            this.rootIdeaId = rootIdeaId;
            return this;
        }

        /**
         * Sets {@code root_spec_path}.
         *
         * @param rootSpecPath the canonical root spec copy
         * @return this builder
         */
        public Builder rootSpecPath(String rootSpecPath) {
            this.rootSpecPath = rootSpecPath;
            return this;
        }

        /**
         * Sets {@code root_idea_path}.
         *
         * @param rootIdeaPath the canonical seed idea copy
         * @return this builder
         */
        public Builder rootIdeaPath(String rootIdeaPath) {
            this.rootIdeaPath = rootIdeaPath;
            return this;
        }

        /**
         * Sets {@code rubric_path}.
         *
         * @param rubricPath the arbiter rubric
         * @return this builder
         */
        public Builder rubricPath(String rubricPath) {
            this.rubricPath = rubricPath;
            return this;
        }

        /**
         * Sets {@code latest_verdict_path}.
         *
         * @param latestVerdictPath the latest verdict; may be null
         * @return this builder
         */
        public Builder latestVerdictPath(String latestVerdictPath) {
            this.latestVerdictPath = latestVerdictPath;
            return this;
        }

        /**
         * Sets {@code latest_report_path}.
         *
         * @param latestReportPath the latest report; may be null
         * @return this builder
         */
        public Builder latestReportPath(String latestReportPath) {
            this.latestReportPath = latestReportPath;
            return this;
        }

        /**
         * Sets {@code closure_open}.
         *
         * @param closureOpen whether the target is open (default true)
         * @return this builder
         */
        public Builder closureOpen(Boolean closureOpen) {
            this.closureOpen = closureOpen;
            return this;
        }

        /**
         * Sets {@code closure_blocked_by_lineage_work}.
         *
         * @param closureBlockedByLineageWork whether lineage work blocks closure
         * @return this builder
         */
        public Builder closureBlockedByLineageWork(boolean closureBlockedByLineageWork) {
            this.closureBlockedByLineageWork = closureBlockedByLineageWork;
            return this;
        }

        /**
         * Sets {@code blocking_work_ids}.
         *
         * @param blockingWorkIds ids of the blocking work items
         * @return this builder
         */
        public Builder blockingWorkIds(List<String> blockingWorkIds) {
            this.blockingWorkIds = blockingWorkIds;
            return this;
        }

        /**
         * Sets {@code opened_at}.
         *
         * @param openedAt when the target was opened
         * @return this builder
         */
        public Builder openedAt(Instant openedAt) {
            this.openedAt = openedAt;
            return this;
        }

        /**
         * Sets {@code closed_at}.
         *
         * @param closedAt when it was closed; may be null
         * @return this builder
         */
        public Builder closedAt(Instant closedAt) {
            this.closedAt = closedAt;
            return this;
        }

        /**
         * Sets {@code last_arbiter_run_id}.
         *
         * @param lastArbiterRunId the last arbiter run id; may be null
         * @return this builder
         */
        public Builder lastArbiterRunId(String lastArbiterRunId) {
            this.lastArbiterRunId = lastArbiterRunId;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public ClosureTargetState build() {
            return new ClosureTargetState(rootSpecId, rootIdeaId, rootSpecPath, rootIdeaPath, rubricPath, latestVerdictPath, latestReportPath, closureOpen, closureBlockedByLineageWork, blockingWorkIds, openedAt, closedAt, lastArbiterRunId);
        }
    }
}
