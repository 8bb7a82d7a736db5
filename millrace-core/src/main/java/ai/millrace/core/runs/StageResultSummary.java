package ai.millrace.core.runs;

import ai.millrace.api.run.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One stage result of a run, as {@code millrace runs show} prints it. Paths inside the run folder
 * are run-relative; other paths are kept as written.
 *
 * @param stageResultPath the result file, run-relative ({@code stage_results/<request_id>.json})
 * @param requestId the request id (from the metadata, else the file stem)
 * @param compiledPlanId the plan id from the metadata; may be null
 * @param modeId the mode id from the metadata; may be null
 * @param plane the plane
 * @param stage the stage
 * @param nodeId the graph node
 * @param stageKindId the stage kind
 * @param requestKind the request kind from the metadata; may be null
 * @param closureTargetRootSpecId the closure root from the metadata; may be null
 * @param workItemKind the work item kind
 * @param workItemId the work item id
 * @param terminalResult the terminal result token, such as {@code BUILDER_COMPLETE}
 * @param resultClass the result class, such as {@code success}
 * @param failureClass {@code metadata.failure_class}; may be null
 * @param runnerName the runner; may be null
 * @param modelName the model; may be null
 * @param modelReasoningEffort the reasoning effort; may be null
 * @param startedAt when the stage started
 * @param completedAt when it completed
 * @param durationSeconds the recorded duration
 * @param stdoutPath the runner's standard output; may be null
 * @param stderrPath the runner's standard error; may be null
 * @param reportArtifact the report the stage wrote; may be null
 * @param tokenUsage token usage; may be null
 * @param artifactPaths other artifacts
 */
public record StageResultSummary(String stageResultPath, String requestId, String compiledPlanId, String modeId,
        String plane, String stage, String nodeId, String stageKindId, String requestKind,
        String closureTargetRootSpecId, String workItemKind, String workItemId, String terminalResult,
        String resultClass, String failureClass, String runnerName, String modelName, String modelReasoningEffort,
        Instant startedAt, Instant completedAt, double durationSeconds, String stdoutPath, String stderrPath,
        String reportArtifact, TokenUsage tokenUsage, List<String> artifactPaths) {
    /**
     * Checks the required fields and copies the list.
     *
     * @param stageResultPath see the class
     * @param requestId see the class
     * @param compiledPlanId see the class
     * @param modeId see the class
     * @param plane see the class
     * @param stage see the class
     * @param nodeId see the class
     * @param stageKindId see the class
     * @param requestKind see the class
     * @param closureTargetRootSpecId see the class
     * @param workItemKind see the class
     * @param workItemId see the class
     * @param terminalResult see the class
     * @param resultClass see the class
     * @param failureClass see the class
     * @param runnerName see the class
     * @param modelName see the class
     * @param modelReasoningEffort see the class
     * @param startedAt see the class
     * @param completedAt see the class
     * @param durationSeconds see the class
     * @param stdoutPath see the class
     * @param stderrPath see the class
     * @param reportArtifact see the class
     * @param tokenUsage see the class
     * @param artifactPaths see the class
     */
    public StageResultSummary {
        Objects.requireNonNull(stageResultPath, "stageResultPath");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(completedAt, "completedAt");
        artifactPaths = List.copyOf(artifactPaths);
    }
}
