package ai.millrace.core.internal.closure;

import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.core.internal.journal.TransitionStep;
import java.util.List;

/**
 * What {@link ClosureCoordinator#onSpecClaim} decided about activating a claimed spec.
 *
 * @param allowed whether activation may proceed
 * @param requeueReason when not allowed: the reason to requeue an already-moved spec with
 *     ({@code open closure target backpressure}); null when allowed
 * @param target the target the spec opened or reuses; null for non-root specs and refusals
 * @param steps journal steps to add to the activation transition (empty when nothing opens)
 * @param events events to emit after the transition commits
 */
public record SpecClaimDecision(boolean allowed, String requeueReason, ClosureTargetState target,
        List<TransitionStep> steps, List<RuntimeEvent> events) {

    /** The requeue reason of a spec refused because another target is open. */
    public static final String BACKPRESSURE_REASON = "open closure target backpressure";

    /**
     * Copies the lists.
     *
     * @param allowed whether activation may proceed
     * @param requeueReason the requeue reason, or null
     * @param target the target, or null
     * @param steps the steps
     * @param events the events
     */
    public SpecClaimDecision {
        steps = List.copyOf(steps);
        events = List.copyOf(events);
    }
}
