package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import java.util.Objects;

/**
 * A subscription quota rule: pause when the provider reports a window used past a percentage.
 *
 * @param ruleId the rule id
 * @param window the window
 * @param pauseAtPercentUsed the percentage, in (0, 100]
 */
public record QuotaRule(
        String ruleId,
        QuotaWindow window,
        double pauseAtPercentUsed) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param ruleId the rule id
     * @param window the window
     * @param pauseAtPercentUsed the percentage, in (0, 100]
     */
    public QuotaRule {
        Identifiers.requireText("rule_id", ruleId);
        Objects.requireNonNull(window, "window is required");
        if (!(pauseAtPercentUsed > 0 && pauseAtPercentUsed <= 100)) {
            throw new ContractViolationException("quota rule " + ruleId + ": pause_at_percent_used must be in (0, 100] (got "
                    + pauseAtPercentUsed + ")");
        }
    }
}
