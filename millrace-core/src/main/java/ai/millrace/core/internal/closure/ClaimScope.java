package ai.millrace.core.internal.closure;

import ai.millrace.api.Plane;
import ai.millrace.api.state.RuntimeEvent;
import java.util.List;

/**
 * How claims are filtered while a closure target is open: one rule for the serial tick and the
 * daemon (spec 02 section 12 item 16). Planning and execution claims take only the open root's
 * lineage; learning requests are never filtered and stay claimable; the claim order is always
 * planning, execution, learning.
 *
 * @param openRootSpecId the open target's root, or null when no target is open
 * @param deferredRootSpecIds root specs waiting in {@code specs/queue} behind the open target
 * @param events events to emit now (a backpressure event when the deferred set changed)
 */
public record ClaimScope(String openRootSpecId, List<String> deferredRootSpecIds, List<RuntimeEvent> events) {
    /** The claim order of both the serial tick and the daemon's foreground lanes. */
    public static final List<Plane> ORDER = List.of(Plane.PLANNING, Plane.EXECUTION, Plane.LEARNING);

    /**
     * Copies the lists.
     *
     * @param openRootSpecId the open root, or null
     * @param deferredRootSpecIds deferred root specs
     * @param events events to emit
     */
    public ClaimScope {
        deferredRootSpecIds = List.copyOf(deferredRootSpecIds);
        events = List.copyOf(events);
    }

    /**
     * Returns the root filter to pass to {@code QueueStore.nextCandidate(plane, filter)}.
     *
     * @param plane the plane being claimed
     * @return the open root for planning and execution while a target is open; else null
     */
    public String rootFilter(Plane plane) {
        return plane == Plane.LEARNING ? null : openRootSpecId;
    }

    /**
     * Returns the claim order.
     *
     * @return planning, execution, learning
     */
    public List<Plane> order() {
        return ORDER;
    }
}
