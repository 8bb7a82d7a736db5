package ai.millrace.core.internal.engine;

import ai.millrace.api.Plane;
import ai.millrace.api.asset.ConcurrencyPolicy;
import java.util.List;
import java.util.Set;

/**
 * The compiled plane concurrency policy (spec 01 section 4.11): without a policy the runtime is
 * serial; with one, a plane may start beside each busy plane only if the pair is in no
 * mutually-exclusive group and in some may-run-concurrently group. Stateless.
 */
final class PlaneConcurrency {
    private PlaneConcurrency() {
    }

    /**
     * Tells whether a plane may start work while other planes are busy.
     *
     * @param policy the compiled policy, or null for serial
     * @param candidate the plane that wants to start
     * @param busy the planes already busy (active runs or workers)
     * @return true when it may start
     */
    static boolean mayStart(ConcurrencyPolicy policy, Plane candidate, Set<Plane> busy) {
        if (busy.contains(candidate)) {
            return false;
        }
        if (busy.isEmpty()) {
            return true;
        }
        if (policy == null) {
            return false;
        }
        for (Plane other : busy) {
            Set<Plane> pair = Set.of(candidate, other);
            for (List<Plane> group : policy.mutuallyExclusivePlanes()) {
                if (group.containsAll(pair)) {
                    return false;
                }
            }
            boolean allowed = false;
            for (List<Plane> group : policy.mayRunConcurrently()) {
                if (group.containsAll(pair)) {
                    allowed = true;
                    break;
                }
            }
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
