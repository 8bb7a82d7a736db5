package ai.millrace.api.asset;

import java.util.Objects;

/**
 * How a planning loop closes a lineage: when the backlog of a root spec's lineage drains, run the
 * closure node (the arbiter) over its closure target. The string fields each accept one literal
 * value today; the compiler checks them.
 *
 * @param trigger {@code backlog_drained}
 * @param readinessRule {@code no_open_lineage_work}
 * @param targetNodeId the closure node
 * @param requestKind {@code closure_target}
 * @param targetSelector {@code active_closure_target}
 * @param rubricPolicy {@code reuse_or_create}
 * @param blockedWorkPolicy {@code suppress}
 * @param skipIfAlreadyClosed skip targets already closed (default true)
 * @param onPassTerminalStateId terminal state on pass
 * @param onGapTerminalStateId terminal state on gap
 * @param createIncidentOnGap whether a gap creates a remediation incident
 */
public record CompletionBehavior(
        String trigger,
        String readinessRule,
        String targetNodeId,
        String requestKind,
        String targetSelector,
        String rubricPolicy,
        String blockedWorkPolicy,
        Boolean skipIfAlreadyClosed,
        String onPassTerminalStateId,
        String onGapTerminalStateId,
        boolean createIncidentOnGap) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param trigger {@code backlog_drained}
     * @param readinessRule {@code no_open_lineage_work}
     * @param targetNodeId the closure node
     * @param requestKind {@code closure_target}
     * @param targetSelector {@code active_closure_target}
     * @param rubricPolicy {@code reuse_or_create}
     * @param blockedWorkPolicy {@code suppress}
     * @param skipIfAlreadyClosed skip targets already closed (default true)
     * @param onPassTerminalStateId terminal state on pass
     * @param onGapTerminalStateId terminal state on gap
     * @param createIncidentOnGap whether a gap creates a remediation incident
     */
    public CompletionBehavior {
        Objects.requireNonNull(trigger, "trigger is required");
        Objects.requireNonNull(readinessRule, "readiness_rule is required");
        Objects.requireNonNull(targetNodeId, "target_node_id is required");
        Objects.requireNonNull(requestKind, "request_kind is required");
        Objects.requireNonNull(targetSelector, "target_selector is required");
        Objects.requireNonNull(rubricPolicy, "rubric_policy is required");
        Objects.requireNonNull(blockedWorkPolicy, "blocked_work_policy is required");
        skipIfAlreadyClosed = skipIfAlreadyClosed == null ? Boolean.TRUE : skipIfAlreadyClosed;
        Objects.requireNonNull(onPassTerminalStateId, "on_pass_terminal_state_id is required");
        Objects.requireNonNull(onGapTerminalStateId, "on_gap_terminal_state_id is required");
    }
}
