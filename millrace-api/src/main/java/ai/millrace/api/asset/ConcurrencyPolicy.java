package ai.millrace.api.asset;

import ai.millrace.api.Plane;
import ai.millrace.api.internal.Copies;
import java.util.List;

/**
 * Which planes may run at the same time. Without a policy the runtime is serial.
 *
 * @param mutuallyExclusivePlanes groups of planes that never overlap
 * @param mayRunConcurrently groups of planes that may overlap
 */
public record ConcurrencyPolicy(
        List<List<Plane>> mutuallyExclusivePlanes,
        List<List<Plane>> mayRunConcurrently) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param mutuallyExclusivePlanes groups of planes that never overlap
     * @param mayRunConcurrently groups of planes that may overlap
     */
    public ConcurrencyPolicy {
        mutuallyExclusivePlanes = Copies.listOfLists(mutuallyExclusivePlanes);
        mayRunConcurrently = Copies.listOfLists(mayRunConcurrently);
    }
}
