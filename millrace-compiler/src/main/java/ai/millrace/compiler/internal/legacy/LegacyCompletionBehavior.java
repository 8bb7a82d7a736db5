package ai.millrace.compiler.internal.legacy;

import ai.millrace.api.StageId;
import ai.millrace.api.TerminalResult;
import java.util.Objects;

/**
 * Closure behaviour of a legacy loop; the literal fields accept one value each.
 *
 * @param trigger {@code backlog_drained}
 * @param readinessRule {@code no_open_lineage_work}
 * @param stage the closure stage
 * @param requestKind {@code closure_target}
 * @param targetSelector {@code active_closure_target}
 * @param rubricPolicy {@code reuse_or_create}
 * @param blockedWorkPolicy {@code suppress}
 * @param skipIfAlreadyClosed default true
 * @param onPassTerminalResult the result on pass
 * @param onGapTerminalResult the result on gap
 * @param createIncidentOnGap whether a gap creates an incident
 */
public record LegacyCompletionBehavior(String trigger, String readinessRule, StageId stage, String requestKind,
        String targetSelector, String rubricPolicy, String blockedWorkPolicy, Boolean skipIfAlreadyClosed,
        TerminalResult onPassTerminalResult, TerminalResult onGapTerminalResult, boolean createIncidentOnGap) {
    /** Checks required fields and applies defaults. */
    public LegacyCompletionBehavior {
        Objects.requireNonNull(stage, "stage is required");
        Objects.requireNonNull(onPassTerminalResult, "on_pass_terminal_result is required");
        Objects.requireNonNull(onGapTerminalResult, "on_gap_terminal_result is required");
        skipIfAlreadyClosed = skipIfAlreadyClosed == null ? Boolean.TRUE : skipIfAlreadyClosed;
    }
}
