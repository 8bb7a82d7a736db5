package ai.millrace.core.internal.closure;

import java.util.List;

/**
 * The closure fields a status report shows beyond the target file: why the open target is stalled
 * and what to do about it (spec 02 section 12 item 17).
 *
 * @param rootSpecId the open target's root, or null when none is open
 * @param blockedReason {@code closure_target_blocked_reason}, or null when not stalled
 * @param blockedWorkIds the blocked lineage ids (or drifted ids)
 * @param recommendedAction what the operator should do, or null
 * @param arbiterParkedReason why the arbiter waits for a change, or null
 * @param arbiterRearmHint how to re-arm a parked arbiter, or null
 */
public record ClosureStatus(String rootSpecId, String blockedReason, List<String> blockedWorkIds,
        String recommendedAction, String arbiterParkedReason, String arbiterRearmHint) {
    /**
     * Copies the list.
     *
     * @param rootSpecId the root, or null
     * @param blockedReason the stall reason, or null
     * @param blockedWorkIds blocked ids
     * @param recommendedAction the action, or null
     * @param arbiterParkedReason the parking reason, or null
     * @param arbiterRearmHint the re-arm hint, or null
     */
    public ClosureStatus {
        blockedWorkIds = List.copyOf(blockedWorkIds);
    }

    /** No open target. */
    public static final ClosureStatus NONE = new ClosureStatus(null, null, List.of(), null, null, null);
}
