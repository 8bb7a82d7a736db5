package ai.millrace.api.plan;

import ai.millrace.api.Plane;
import ai.millrace.api.asset.GraphLoopEntryKey;
import java.util.Objects;

/**
 * The compiled closure entry of a planning loop with completion behaviour.
 *
 * @param entryKey {@code closure_target}
 * @param nodeId the closure node
 * @param stageKindId its stage kind
 * @param plane the plane
 * @param trigger the trigger
 * @param readinessRule the readiness rule
 * @param requestKind the request kind
 * @param targetSelector the target selector
 * @param rubricPolicy the rubric policy
 * @param blockedWorkPolicy the blocked-work policy
 * @param skipIfAlreadyClosed skip closed targets
 * @param onPassTerminalStateId terminal state on pass
 * @param onGapTerminalStateId terminal state on gap
 * @param createIncidentOnGap create a remediation incident on gap
 */
public record CompiledCompletionEntry(
        GraphLoopEntryKey entryKey,
        String nodeId,
        String stageKindId,
        Plane plane,
        String trigger,
        String readinessRule,
        String requestKind,
        String targetSelector,
        String rubricPolicy,
        String blockedWorkPolicy,
        boolean skipIfAlreadyClosed,
        String onPassTerminalStateId,
        String onGapTerminalStateId,
        boolean createIncidentOnGap) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param entryKey {@code closure_target}
     * @param nodeId the closure node
     * @param stageKindId its stage kind
     * @param plane the plane
     * @param trigger the trigger
     * @param readinessRule the readiness rule
     * @param requestKind the request kind
     * @param targetSelector the target selector
     * @param rubricPolicy the rubric policy
     * @param blockedWorkPolicy the blocked-work policy
     * @param skipIfAlreadyClosed skip closed targets
     * @param onPassTerminalStateId terminal state on pass
     * @param onGapTerminalStateId terminal state on gap
     * @param createIncidentOnGap create a remediation incident on gap
     */
    public CompiledCompletionEntry {
        Objects.requireNonNull(entryKey, "entry_key is required");
        Objects.requireNonNull(nodeId, "node_id is required");
        Objects.requireNonNull(stageKindId, "stage_kind_id is required");
        Objects.requireNonNull(plane, "plane is required");
        Objects.requireNonNull(trigger, "trigger is required");
        Objects.requireNonNull(readinessRule, "readiness_rule is required");
        Objects.requireNonNull(requestKind, "request_kind is required");
        Objects.requireNonNull(targetSelector, "target_selector is required");
        Objects.requireNonNull(rubricPolicy, "rubric_policy is required");
        Objects.requireNonNull(blockedWorkPolicy, "blocked_work_policy is required");
        Objects.requireNonNull(onPassTerminalStateId, "on_pass_terminal_state_id is required");
        Objects.requireNonNull(onGapTerminalStateId, "on_gap_terminal_state_id is required");
    }
}
