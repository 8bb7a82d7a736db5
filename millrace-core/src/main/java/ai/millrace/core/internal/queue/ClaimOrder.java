package ai.millrace.core.internal.queue;

import ai.millrace.api.Plane;
import java.util.List;

/**
 * The order in which a serial tick offers the planes a claim (spec 02 section 3.6). Within the
 * planning plane, {@link QueueStore#nextCandidate} already puts incidents before specs.
 * Stateless.
 */
public final class ClaimOrder {
    private ClaimOrder() {
    }

    /**
     * Returns the planes a serial tick tries, in order.
     *
     * @param closureTargetOpen whether a closure target is open
     * @return planning, execution, learning without an open target; execution then planning
     *     (both filtered to the target's root, learning never) with one
     */
    public static List<Plane> serial(boolean closureTargetOpen) {
        return closureTargetOpen
                ? List.of(Plane.EXECUTION, Plane.PLANNING)
                : List.of(Plane.PLANNING, Plane.EXECUTION, Plane.LEARNING);
    }
}
