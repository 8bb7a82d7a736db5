package ai.millrace.core.runs;

import ai.millrace.api.run.TokenUsage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One persisted run ({@code millrace-agents/runs/<run_id>/}) summarized from its stage results.
 * Run-level fields come from the latest stage result (by completion, then start, then path);
 * the time span runs from the first start to the latest completion; token usage is the sum over
 * the results that report it.
 *
 * @param runId the run id (the folder name)
 * @param runDir the run folder
 * @param status valid, incomplete or malformed
 * @param compiledPlanId the plan id; may be null
 * @param modeId the mode id; may be null
 * @param requestKind the request kind; may be null
 * @param closureTargetRootSpecId the closure root; may be null
 * @param workItemKind the work item kind; may be null
 * @param workItemId the work item id; may be null
 * @param failureClass the latest result's failure class; may be null
 * @param startedAt the first stage start; null without results
 * @param completedAt the latest stage completion; null without results
 * @param durationSeconds {@code completedAt - startedAt} in seconds; null without results
 * @param troubleshootReportPath the latest report artifact; may be null
 * @param primaryStdoutPath the latest result's standard output; may be null
 * @param primaryStderrPath the latest result's standard error; may be null
 * @param tokenUsage the summed token usage; null when no result reports any
 * @param notes problems found while reading, such as {@code no stage result artifacts found}
 * @param stageResults the readable stage results, oldest first
 */
public record RunInspection(String runId, Path runDir, RunStatus status, String compiledPlanId, String modeId,
        String requestKind, String closureTargetRootSpecId, String workItemKind, String workItemId,
        String failureClass, Instant startedAt, Instant completedAt, Double durationSeconds,
        String troubleshootReportPath, String primaryStdoutPath, String primaryStderrPath, TokenUsage tokenUsage,
        List<String> notes, List<StageResultSummary> stageResults) {
    /**
     * Checks the required fields and copies the lists.
     *
     * @param runId see the class
     * @param runDir see the class
     * @param status see the class
     * @param compiledPlanId see the class
     * @param modeId see the class
     * @param requestKind see the class
     * @param closureTargetRootSpecId see the class
     * @param workItemKind see the class
     * @param workItemId see the class
     * @param failureClass see the class
     * @param startedAt see the class
     * @param completedAt see the class
     * @param durationSeconds see the class
     * @param troubleshootReportPath see the class
     * @param primaryStdoutPath see the class
     * @param primaryStderrPath see the class
     * @param tokenUsage see the class
     * @param notes see the class
     * @param stageResults see the class
     */
    public RunInspection {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(status, "status");
        notes = List.copyOf(notes);
        stageResults = List.copyOf(stageResults);
    }
}
