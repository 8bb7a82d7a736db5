package ai.millrace.api.run;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import ai.millrace.api.StageId;
import java.time.Instant;
import java.util.Objects;

/**
 * What a runner returns for one {@link StageRunRequest}: how its process ended and where its
 * output is. The runtime turns it into a {@link StageResultEnvelope}; a runner never decides
 * the terminal result itself.
 *
 * <p>{@code requestId}, {@code runId} and {@code stage} must echo the request; a mismatch is treated
 * as a transport failure. {@code stdoutPath} names the text scanned for the terminal marker.
 *
 * @param requestId echo of the request id
 * @param runId echo of the run id
 * @param stage echo of the stage
 * @param runnerName the runner id
 * @param modelName the model used; may be null
 * @param modelReasoningEffort the reasoning effort used; may be null
 * @param exitKind the canonical exit kind
 * @param exitCode the process exit code; may be null
 * @param observedExitKind the exit kind actually observed when it differs from the canonical one (timeout reconciliation); may be null
 * @param observedExitCode the exit code actually observed; may be null
 * @param stdoutPath the file scanned for the terminal marker; may be null
 * @param stderrPath the captured standard error; may be null
 * @param eventLogPath the raw event log; may be null
 * @param terminalResultPath an optional structured result file; may be null
 * @param tokenUsage token usage; may be null when the harness reported none
 * @param startedAt when the run started
 * @param endedAt when the run ended; not before {@code startedAt}
 */
public record RunnerRawResult(
        String requestId,
        String runId,
        StageId stage,
        String runnerName,
        String modelName,
        String modelReasoningEffort,
        RunnerExitKind exitKind,
        Integer exitCode,
        RunnerExitKind observedExitKind,
        Integer observedExitCode,
        String stdoutPath,
        String stderrPath,
        String eventLogPath,
        String terminalResultPath,
        TokenUsage tokenUsage,
        Instant startedAt,
        Instant endedAt) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param requestId echo of the request id
     * @param runId echo of the run id
     * @param stage echo of the stage
     * @param runnerName the runner id
     * @param modelName the model used; may be null
     * @param modelReasoningEffort the reasoning effort used; may be null
     * @param exitKind the canonical exit kind
     * @param exitCode the process exit code; may be null
     * @param observedExitKind the exit kind actually observed when it differs from the canonical one (timeout reconciliation); may be null
     * @param observedExitCode the exit code actually observed; may be null
     * @param stdoutPath the file scanned for the terminal marker; may be null
     * @param stderrPath the captured standard error; may be null
     * @param eventLogPath the raw event log; may be null
     * @param terminalResultPath an optional structured result file; may be null
     * @param tokenUsage token usage; may be null when the harness reported none
     * @param startedAt when the run started
     * @param endedAt when the run ended; not before {@code startedAt}
     */
    public RunnerRawResult {
        Identifiers.requireText("request_id", requestId);
        Identifiers.requireText("run_id", runId);
        Objects.requireNonNull(stage, "stage is required");
        Identifiers.requireText("runner_name", runnerName);
        Objects.requireNonNull(exitKind, "exit_kind is required");
        Objects.requireNonNull(startedAt, "started_at is required");
        Objects.requireNonNull(endedAt, "ended_at is required");
        if (endedAt.isBefore(startedAt)) {
            throw new ContractViolationException("ended_at must not be before started_at");
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
        b.requestId = requestId;
        b.runId = runId;
        b.stage = stage;
        b.runnerName = runnerName;
        b.modelName = modelName;
        b.modelReasoningEffort = modelReasoningEffort;
        b.exitKind = exitKind;
        b.exitCode = exitCode;
        b.observedExitKind = observedExitKind;
        b.observedExitCode = observedExitCode;
        b.stdoutPath = stdoutPath;
        b.stderrPath = stderrPath;
        b.eventLogPath = eventLogPath;
        b.terminalResultPath = terminalResultPath;
        b.tokenUsage = tokenUsage;
        b.startedAt = startedAt;
        b.endedAt = endedAt;
        return b;
    }

    /**
     * Builds a {@link RunnerRawResult}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String requestId;
        private String runId;
        private StageId stage;
        private String runnerName;
        private String modelName;
        private String modelReasoningEffort;
        private RunnerExitKind exitKind;
        private Integer exitCode;
        private RunnerExitKind observedExitKind;
        private Integer observedExitCode;
        private String stdoutPath;
        private String stderrPath;
        private String eventLogPath;
        private String terminalResultPath;
        private TokenUsage tokenUsage;
        private Instant startedAt;
        private Instant endedAt;

        private Builder() {
        }

        /**
         * Sets {@code request_id}.
         *
         * @param requestId echo of the request id
         * @return this builder
         */
        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /**
         * Sets {@code run_id}.
         *
         * @param runId echo of the run id
         * @return this builder
         */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /**
         * Sets {@code stage}.
         *
         * @param stage echo of the stage
         * @return this builder
         */
        public Builder stage(StageId stage) {
            this.stage = stage;
            return this;
        }

        /**
         * Sets {@code runner_name}.
         *
         * @param runnerName the runner id
         * @return this builder
         */
        public Builder runnerName(String runnerName) {
            this.runnerName = runnerName;
            return this;
        }

        /**
         * Sets {@code model_name}.
         *
         * @param modelName the model used; may be null
         * @return this builder
         */
        public Builder modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /**
         * Sets {@code model_reasoning_effort}.
         *
         * @param modelReasoningEffort the reasoning effort used; may be null
         * @return this builder
         */
        public Builder modelReasoningEffort(String modelReasoningEffort) {
            this.modelReasoningEffort = modelReasoningEffort;
            return this;
        }

        /**
         * Sets {@code exit_kind}.
         *
         * @param exitKind the canonical exit kind
         * @return this builder
         */
        public Builder exitKind(RunnerExitKind exitKind) {
            this.exitKind = exitKind;
            return this;
        }

        /**
         * Sets {@code exit_code}.
         *
         * @param exitCode the process exit code; may be null
         * @return this builder
         */
        public Builder exitCode(Integer exitCode) {
            this.exitCode = exitCode;
            return this;
        }

        /**
         * Sets {@code observed_exit_kind}.
         *
         * @param observedExitKind the exit kind actually observed when it differs from the canonical one (timeout reconciliation); may be null
         * @return this builder
         */
        public Builder observedExitKind(RunnerExitKind observedExitKind) {
            this.observedExitKind = observedExitKind;
            return this;
        }

        /**
         * Sets {@code observed_exit_code}.
         *
         * @param observedExitCode the exit code actually observed; may be null
         * @return this builder
         */
        public Builder observedExitCode(Integer observedExitCode) {
            this.observedExitCode = observedExitCode;
            return this;
        }

        /**
         * Sets {@code stdout_path}.
         *
         * @param stdoutPath the file scanned for the terminal marker; may be null
         * @return this builder
         */
        public Builder stdoutPath(String stdoutPath) {
            this.stdoutPath = stdoutPath;
            return this;
        }

        /**
         * Sets {@code stderr_path}.
         *
         * @param stderrPath the captured standard error; may be null
         * @return this builder
         */
        public Builder stderrPath(String stderrPath) {
            this.stderrPath = stderrPath;
            return this;
        }

        /**
         * Sets {@code event_log_path}.
         *
         * @param eventLogPath the raw event log; may be null
         * @return this builder
         */
        public Builder eventLogPath(String eventLogPath) {
            this.eventLogPath = eventLogPath;
            return this;
        }

        /**
         * Sets {@code terminal_result_path}.
         *
         * @param terminalResultPath an optional structured result file; may be null
         * @return this builder
         */
        public Builder terminalResultPath(String terminalResultPath) {
            this.terminalResultPath = terminalResultPath;
            return this;
        }

        /**
         * Sets {@code token_usage}.
         *
         * @param tokenUsage token usage; may be null when the harness reported none
         * @return this builder
         */
        public Builder tokenUsage(TokenUsage tokenUsage) {
            this.tokenUsage = tokenUsage;
            return this;
        }

        /**
         * Sets {@code started_at}.
         *
         * @param startedAt when the run started
         * @return this builder
         */
        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        /**
         * Sets {@code ended_at}.
         *
         * @param endedAt when the run ended; not before {@code startedAt}
         * @return this builder
         */
        public Builder endedAt(Instant endedAt) {
            this.endedAt = endedAt;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public RunnerRawResult build() {
            return new RunnerRawResult(requestId, runId, stage, runnerName, modelName, modelReasoningEffort, exitKind, exitCode, observedExitKind, observedExitCode, stdoutPath, stderrPath, eventLogPath, terminalResultPath, tokenUsage, startedAt, endedAt);
        }
    }
}
