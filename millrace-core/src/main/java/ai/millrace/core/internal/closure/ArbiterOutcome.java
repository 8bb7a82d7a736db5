package ai.millrace.core.internal.closure;

import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.core.internal.journal.TransitionStep;
import java.util.List;

/**
 * What applying an arbiter result adds to the result transition.
 *
 * @param target the target after the result
 * @param incidentId the remediation incident enqueued, or null
 * @param failureClass the snapshot's {@code current_failure_class} to set (null on closure)
 * @param planningMarker a planning status marker overriding the result's, or null to keep it
 *     ({@code ### BLOCKED} when the repeated-remediation guard fires)
 * @param parked whether the arbiter is parked until something changes
 * @param steps journal steps to add to the result transition
 * @param events events to emit after it commits
 */
public record ArbiterOutcome(ClosureTargetState target, String incidentId, String failureClass, String planningMarker,
        boolean parked, List<TransitionStep> steps, List<RuntimeEvent> events) {
    /** The failure class of a remediation request with no execution since the previous one. */
    public static final String REPEATED_REMEDIATION = "closure_repeated_remediation_without_execution";
    /** The failure class of a blocked arbiter. */
    public static final String ARBITER_BLOCKED = "arbiter_blocked";
    /** The failure class of a remediation incident. */
    public static final String PARITY_GAP = "arbiter_parity_gap";

    /**
     * Copies the lists.
     *
     * @param target the target
     * @param incidentId the incident, or null
     * @param failureClass the failure class, or null
     * @param planningMarker the marker override, or null
     * @param parked whether parked
     * @param steps the steps
     * @param events the events
     */
    public ArbiterOutcome {
        steps = List.copyOf(steps);
        events = List.copyOf(events);
    }
}
