package ai.millrace.api.run;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import ai.millrace.api.Plane;
import ai.millrace.api.ResultClass;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.WireKind;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The normalized result of one stage invocation, persisted at
 * {@code <run_dir>/stage_results/<request_id>.json}.
 *
 * <p>Invariants: a built-in stage belongs to {@code plane}; {@code summaryStatusMarker} is
 * {@code "### " + terminalResult}; {@code completedAt} is not before {@code startedAt};
 * {@code durationSeconds >= 0}; {@code success} is true exactly when {@code resultClass} is
 * {@code success}.
 *
 * @param runId the run id
 * @param plane the plane
 * @param stage the stage
 * @param nodeId the graph node id; defaults to the stage name
 * @param stageKindId the stage kind id; defaults to the stage name
 * @param workItemKind the work item kind ({@code spec} for closure targets)
 * @param workItemId the work item id (the root spec id for closure targets)
 * @param terminalResult the terminal result
 * @param resultClass the resolved result class
 * @param summaryStatusMarker the status marker the runtime writes, {@code ### TOKEN}
 * @param success true exactly when the result class is {@code success}
 * @param retryable true for runtime-synthesized failures
 * @param exitCode the exit code (a failure never records 0)
 * @param durationSeconds seconds between start and end
 * @param promptArtifact the prompt file; may be null
 * @param reportArtifact the stage report found in the run directory; may be null
 * @param artifactPaths artifacts of the run, de-duplicated in order
 * @param detectedMarker the marker found in the output; may be null
 * @param stdoutPath the scanned output; may be null
 * @param stderrPath the captured standard error; may be null
 * @param runnerName the runner id; may be null
 * @param modelName the model; may be null
 * @param modelReasoningEffort the reasoning effort; may be null
 * @param tokenUsage token usage; may be null
 * @param notes how the result was reached
 * @param metadata normalization metadata (request id, failure class, raw exit kind, ...)
 * @param startedAt when the stage started
 * @param completedAt when the stage ended
 */
@WireKind("stage_result")
public record StageResultEnvelope(
        String runId,
        Plane plane,
        StageId stage,
        String nodeId,
        String stageKindId,
        WorkItemKind workItemKind,
        String workItemId,
        TerminalResult terminalResult,
        ResultClass resultClass,
        String summaryStatusMarker,
        boolean success,
        boolean retryable,
        int exitCode,
        double durationSeconds,
        String promptArtifact,
        String reportArtifact,
        List<String> artifactPaths,
        String detectedMarker,
        String stdoutPath,
        String stderrPath,
        String runnerName,
        String modelName,
        String modelReasoningEffort,
        TokenUsage tokenUsage,
        List<String> notes,
        Map<String, Object> metadata,
        Instant startedAt,
        Instant completedAt) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param runId the run id
     * @param plane the plane
     * @param stage the stage
     * @param nodeId the graph node id; defaults to the stage name
     * @param stageKindId the stage kind id; defaults to the stage name
     * @param workItemKind the work item kind ({@code spec} for closure targets)
     * @param workItemId the work item id (the root spec id for closure targets)
     * @param terminalResult the terminal result
     * @param resultClass the resolved result class
     * @param summaryStatusMarker the status marker the runtime writes, {@code ### TOKEN}
     * @param success true exactly when the result class is {@code success}
     * @param retryable true for runtime-synthesized failures
     * @param exitCode the exit code (a failure never records 0)
     * @param durationSeconds seconds between start and end
     * @param promptArtifact the prompt file; may be null
     * @param reportArtifact the stage report found in the run directory; may be null
     * @param artifactPaths artifacts of the run, de-duplicated in order
     * @param detectedMarker the marker found in the output; may be null
     * @param stdoutPath the scanned output; may be null
     * @param stderrPath the captured standard error; may be null
     * @param runnerName the runner id; may be null
     * @param modelName the model; may be null
     * @param modelReasoningEffort the reasoning effort; may be null
     * @param tokenUsage token usage; may be null
     * @param notes how the result was reached
     * @param metadata normalization metadata (request id, failure class, raw exit kind, ...)
     * @param startedAt when the stage started
     * @param completedAt when the stage ended
     */
    public StageResultEnvelope {
        Identifiers.requireText("run_id", runId);
        Objects.requireNonNull(plane, "plane is required");
        Objects.requireNonNull(stage, "stage is required");
        Objects.requireNonNull(workItemKind, "work_item_kind is required");
        Identifiers.requireSafeId("work_item_id", workItemId);
        Objects.requireNonNull(terminalResult, "terminal_result is required");
        Objects.requireNonNull(resultClass, "result_class is required");
        Identifiers.requireText("summary_status_marker", summaryStatusMarker);
        artifactPaths = Copies.list(artifactPaths);
        notes = Copies.list(notes);
        metadata = Copies.json(metadata);
        Objects.requireNonNull(startedAt, "started_at is required");
        Objects.requireNonNull(completedAt, "completed_at is required");
        nodeId = nodeId == null || nodeId.isBlank() ? stage.value() : nodeId;
        stageKindId = stageKindId == null || stageKindId.isBlank() ? stage.value() : stageKindId;
        StageMetadataRegistry.builtIn().find(stage).ifPresent(m -> {
            if (m.plane() != plane) {
                throw new ContractViolationException("stage '" + stage + "' does not belong to plane " + plane);
            }
        });
        if (!summaryStatusMarker.equals(terminalResult.marker())) {
            throw new ContractViolationException("summary_status_marker must be '" + terminalResult.marker()
                    + "' (got '" + summaryStatusMarker + "')");
        }
        if (completedAt.isBefore(startedAt)) {
            throw new ContractViolationException("completed_at must not be before started_at");
        }
        if (durationSeconds < 0) {
            throw new ContractViolationException("duration_seconds must be >= 0");
        }
        if (success != (resultClass == ResultClass.SUCCESS)) {
            throw new ContractViolationException("success must be true exactly when result_class is success");
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
        b.runId = runId;
        b.plane = plane;
        b.stage = stage;
        b.nodeId = nodeId;
        b.stageKindId = stageKindId;
        b.workItemKind = workItemKind;
        b.workItemId = workItemId;
        b.terminalResult = terminalResult;
        b.resultClass = resultClass;
        b.summaryStatusMarker = summaryStatusMarker;
        b.success = success;
        b.retryable = retryable;
        b.exitCode = exitCode;
        b.durationSeconds = durationSeconds;
        b.promptArtifact = promptArtifact;
        b.reportArtifact = reportArtifact;
        b.artifactPaths = artifactPaths;
        b.detectedMarker = detectedMarker;
        b.stdoutPath = stdoutPath;
        b.stderrPath = stderrPath;
        b.runnerName = runnerName;
        b.modelName = modelName;
        b.modelReasoningEffort = modelReasoningEffort;
        b.tokenUsage = tokenUsage;
        b.notes = notes;
        b.metadata = metadata;
        b.startedAt = startedAt;
        b.completedAt = completedAt;
        return b;
    }

    /**
     * Builds a {@link StageResultEnvelope}. Not thread-safe; {@link #build()} validates.
     */
    public static final class Builder {
        private String runId;
        private Plane plane;
        private StageId stage;
        private String nodeId;
        private String stageKindId;
        private WorkItemKind workItemKind;
        private String workItemId;
        private TerminalResult terminalResult;
        private ResultClass resultClass;
        private String summaryStatusMarker;
        private boolean success;
        private boolean retryable;
        private int exitCode;
        private double durationSeconds;
        private String promptArtifact;
        private String reportArtifact;
        private List<String> artifactPaths;
        private String detectedMarker;
        private String stdoutPath;
        private String stderrPath;
        private String runnerName;
        private String modelName;
        private String modelReasoningEffort;
        private TokenUsage tokenUsage;
        private List<String> notes;
        private Map<String, Object> metadata;
        private Instant startedAt;
        private Instant completedAt;

        private Builder() {
        }

        /**
         * Sets {@code run_id}.
         *
         * @param runId the run id
         * @return this builder
         */
        public Builder runId(String runId) {
            this.runId = runId;
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
         * Sets {@code stage}.
         *
         * @param stage the stage
         * @return this builder
         */
        public Builder stage(StageId stage) {
            this.stage = stage;
            return this;
        }

        /**
         * Sets {@code node_id}.
         *
         * @param nodeId the graph node id; defaults to the stage name
         * @return this builder
         */
        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /**
         * Sets {@code stage_kind_id}.
         *
         * @param stageKindId the stage kind id; defaults to the stage name
         * @return this builder
         */
        public Builder stageKindId(String stageKindId) {
            this.stageKindId = stageKindId;
            return this;
        }

        /**
         * Sets {@code work_item_kind}.
         *
         * @param workItemKind the work item kind ({@code spec} for closure targets)
         * @return this builder
         */
        public Builder workItemKind(WorkItemKind workItemKind) {
            this.workItemKind = workItemKind;
            return this;
        }

        /**
         * Sets {@code work_item_id}.
         *
         * @param workItemId the work item id (the root spec id for closure targets)
         * @return this builder
         */
        public Builder workItemId(String workItemId) {
            this.workItemId = workItemId;
            return this;
        }

        /**
         * Sets {@code terminal_result}.
         *
         * @param terminalResult the terminal result
         * @return this builder
         */
        public Builder terminalResult(TerminalResult terminalResult) {
            this.terminalResult = terminalResult;
            return this;
        }

        /**
         * Sets {@code result_class}.
         *
         * @param resultClass the resolved result class
         * @return this builder
         */
        public Builder resultClass(ResultClass resultClass) {
            this.resultClass = resultClass;
            return this;
        }

        /**
         * Sets {@code summary_status_marker}.
         *
         * @param summaryStatusMarker the status marker the runtime writes, {@code ### TOKEN}
         * @return this builder
         */
        public Builder summaryStatusMarker(String summaryStatusMarker) {
            this.summaryStatusMarker = summaryStatusMarker;
            return this;
        }

        /**
         * Sets {@code success}.
         *
         * @param success true exactly when the result class is {@code success}
         * @return this builder
         */
        public Builder success(boolean success) {
            this.success = success;
            return this;
        }

        /**
         * Sets {@code retryable}.
         *
         * @param retryable true for runtime-synthesized failures
         * @return this builder
         */
        public Builder retryable(boolean retryable) {
            this.retryable = retryable;
            return this;
        }

        /**
         * Sets {@code exit_code}.
         *
         * @param exitCode the exit code (a failure never records 0)
         * @return this builder
         */
        public Builder exitCode(int exitCode) {
            this.exitCode = exitCode;
            return this;
        }

        /**
         * Sets {@code duration_seconds}.
         *
         * @param durationSeconds seconds between start and end
         * @return this builder
         */
        public Builder durationSeconds(double durationSeconds) {
            this.durationSeconds = durationSeconds;
            return this;
        }

        /**
         * Sets {@code prompt_artifact}.
         *
         * @param promptArtifact the prompt file; may be null
         * @return this builder
         */
        public Builder promptArtifact(String promptArtifact) {
            this.promptArtifact = promptArtifact;
            return this;
        }

        /**
         * Sets {@code report_artifact}.
         *
         * @param reportArtifact the stage report found in the run directory; may be null
         * @return this builder
         */
        public Builder reportArtifact(String reportArtifact) {
            this.reportArtifact = reportArtifact;
            return this;
        }

        /**
         * Sets {@code artifact_paths}.
         *
         * @param artifactPaths artifacts of the run, de-duplicated in order
         * @return this builder
         */
        public Builder artifactPaths(List<String> artifactPaths) {
            this.artifactPaths = artifactPaths;
            return this;
        }

        /**
         * Sets {@code detected_marker}.
         *
         * @param detectedMarker the marker found in the output; may be null
         * @return this builder
         */
        public Builder detectedMarker(String detectedMarker) {
            this.detectedMarker = detectedMarker;
            return this;
        }

        /**
         * Sets {@code stdout_path}.
         *
         * @param stdoutPath the scanned output; may be null
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
         * Sets {@code runner_name}.
         *
         * @param runnerName the runner id; may be null
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
         * Sets {@code token_usage}.
         *
         * @param tokenUsage token usage; may be null
         * @return this builder
         */
        public Builder tokenUsage(TokenUsage tokenUsage) {
            this.tokenUsage = tokenUsage;
            return this;
        }

        /**
         * Sets {@code notes}.
         *
         * @param notes how the result was reached
         * @return this builder
         */
        public Builder notes(List<String> notes) {
            this.notes = notes;
            return this;
        }

        /**
         * Sets {@code metadata}.
         *
         * @param metadata normalization metadata (request id, failure class, raw exit kind, ...)
         * @return this builder
         */
        public Builder metadata(Map<String, Object> metadata) {
            this.metadata = metadata;
            return this;
        }

        /**
         * Sets {@code started_at}.
         *
         * @param startedAt when the stage started
         * @return this builder
         */
        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        /**
         * Sets {@code completed_at}.
         *
         * @param completedAt when the stage ended
         * @return this builder
         */
        public Builder completedAt(Instant completedAt) {
            this.completedAt = completedAt;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the value
         * @throws ai.millrace.api.ContractViolationException when an invariant is broken
         */
        public StageResultEnvelope build() {
            return new StageResultEnvelope(runId, plane, stage, nodeId, stageKindId, workItemKind, workItemId, terminalResult, resultClass, summaryStatusMarker, success, retryable, exitCode, durationSeconds, promptArtifact, reportArtifact, artifactPaths, detectedMarker, stdoutPath, stderrPath, runnerName, modelName, modelReasoningEffort, tokenUsage, notes, metadata, startedAt, completedAt);
        }
    }
}
