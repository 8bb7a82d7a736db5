package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import java.util.Objects;

/**
 * A runtime token rule: pause when usage in a window reaches a threshold.
 *
 * @param ruleId the rule id
 * @param window the window
 * @param metric the metric; {@code total_tokens}
 * @param threshold the threshold; greater than 0
 */
public record TokenRule(
        String ruleId,
        UsageWindow window,
        String metric,
        long threshold) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param ruleId the rule id
     * @param window the window
     * @param metric the metric; {@code total_tokens}
     * @param threshold the threshold; greater than 0
     */
    public TokenRule {
        Identifiers.requireText("rule_id", ruleId);
        Objects.requireNonNull(window, "window is required");
        Identifiers.requireText("metric", metric);
        if (!"total_tokens".equals(metric)) {
            throw new ContractViolationException("usage rule " + ruleId + ": metric must be total_tokens (got " + metric + ")");
        }
        if (threshold <= 0) {
            throw new ContractViolationException("usage rule threshold must be greater than 0 (got " + threshold + ")");
        }
    }
}
