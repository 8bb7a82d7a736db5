package ai.millrace.api.state;

import ai.millrace.api.Identifiers;
import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WireKind;
import ai.millrace.api.WorkItemKind;
import java.time.Instant;
import java.util.Objects;

/**
 * Why a runtime step failed after a stage had already returned, saved at
 * {@code state/runtime_error_context.json} so the repair stage (troubleshooter or mechanic) can
 * start from it.
 *
 * @param errorCode the error code
 * @param plane the plane of the failed stage
 * @param failedStage the stage whose result could not be applied
 * @param repairStage the stage that repairs it
 * @param workItemKind the work item kind; may be null for closure targets
 * @param workItemId the work item id; may be null for closure targets
 * @param runId the run id
 * @param routerAction the router action that was being applied; may be null
 * @param terminalResult the terminal result token; may be null
 * @param stageResultPath the stage result file; may be null
 * @param reportPath the runtime error report
 * @param exceptionType the exception class name
 * @param exceptionMessage the exception message (may be empty)
 * @param capturedAt when it was captured
 */
@WireKind("runtime_error_context")
public record RuntimeErrorContext(
        RuntimeErrorCode errorCode,
        Plane plane,
        StageId failedStage,
        StageId repairStage,
        WorkItemKind workItemKind,
        String workItemId,
        String runId,
        RouterAction routerAction,
        String terminalResult,
        String stageResultPath,
        String reportPath,
        String exceptionType,
        String exceptionMessage,
        Instant capturedAt) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param errorCode the error code
     * @param plane the plane of the failed stage
     * @param failedStage the stage whose result could not be applied
     * @param repairStage the stage that repairs it
     * @param workItemKind the work item kind; may be null for closure targets
     * @param workItemId the work item id; may be null for closure targets
     * @param runId the run id
     * @param routerAction the router action that was being applied; may be null
     * @param terminalResult the terminal result token; may be null
     * @param stageResultPath the stage result file; may be null
     * @param reportPath the runtime error report
     * @param exceptionType the exception class name
     * @param exceptionMessage the exception message (may be empty)
     * @param capturedAt when it was captured
     */
    public RuntimeErrorContext {
        Objects.requireNonNull(errorCode, "error_code is required");
        Objects.requireNonNull(plane, "plane is required");
        Objects.requireNonNull(failedStage, "failed_stage is required");
        Objects.requireNonNull(repairStage, "repair_stage is required");
        Identifiers.optionalSafeId("work_item_id", workItemId);
        Identifiers.requireText("run_id", runId);
        Identifiers.requireText("report_path", reportPath);
        Identifiers.requireText("exception_type", exceptionType);
        Objects.requireNonNull(exceptionMessage, "exception_message is required");
        Objects.requireNonNull(capturedAt, "captured_at is required");
    }
}
