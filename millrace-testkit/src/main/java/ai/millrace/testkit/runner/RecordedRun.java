package ai.millrace.testkit.runner;

import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import java.util.Objects;

/**
 * One call a {@link RecordingRunner} saw.
 *
 * @param request the request, never null
 * @param result what the wrapped runner returned; null when it threw
 * @param failure what the wrapped runner threw; null when it returned
 */
public record RecordedRun(StageRunRequest request, RunnerRawResult result, Throwable failure) {
    /**
     * Checks the fields.
     *
     * @param request the request, never null
     * @param result the result; null when it threw
     * @param failure the failure; null when it returned
     */
    public RecordedRun {
        Objects.requireNonNull(request, "request");
    }

    /**
     * Returns the stage name.
     *
     * @return the stage, such as {@code builder}
     */
    public String stage() {
        return request.stage().value();
    }

    /**
     * Returns the id of the work item the stage worked on (the root spec of a closure target).
     *
     * @return the id, or null when the request names none
     */
    public String workItemId() {
        return request.activeWorkItemId() != null ? request.activeWorkItemId() : request.closureTargetRootSpecId();
    }
}
