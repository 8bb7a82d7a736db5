package ai.millrace.core.internal.closure;

import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.core.internal.journal.TransitionStep;
import java.util.List;

/**
 * What {@link ClosureCoordinator#completionCandidate} decided.
 *
 * @param activation the arbiter run to put on the planning plane, or null when not now
 * @param target the target concerned (after the steps), or null when there is none
 * @param reason why: {@code activate}, {@code no_completion_behavior}, {@code planning_busy},
 *     {@code no_target}, {@code target_closed}, {@code arbiter_parked}, {@code lineage_work_open},
 *     {@code lineage_work_blocked}, {@code lineage_drift}, {@code multiple_open_targets}
 * @param completionBlockedFailureClass when the runtime should show completion as blocked
 *     ({@code current_failure_class} and planning {@code ### BLOCKED}): the failure class, else null
 * @param steps journal steps to commit (with the activation, or on their own when not activating)
 * @param events events to emit after the steps commit
 */
public record CompletionDecision(ActiveRunState activation, ClosureTargetState target, String reason,
        String completionBlockedFailureClass, List<TransitionStep> steps, List<RuntimeEvent> events) {

    /**
     * Copies the lists.
     *
     * @param activation the run, or null
     * @param target the target, or null
     * @param reason the reason
     * @param completionBlockedFailureClass the failure class, or null
     * @param steps the steps
     * @param events the events
     */
    public CompletionDecision {
        steps = List.copyOf(steps);
        events = List.copyOf(events);
    }

    static CompletionDecision idle(String reason, ClosureTargetState target) {
        return new CompletionDecision(null, target, reason, null, List.of(), List.of());
    }

    /**
     * Tells whether the arbiter should be activated.
     *
     * @return true when {@link #activation()} is set
     */
    public boolean activate() {
        return activation != null;
    }
}
