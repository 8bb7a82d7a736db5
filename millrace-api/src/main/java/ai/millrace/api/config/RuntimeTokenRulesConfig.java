package ai.millrace.api.config;

import ai.millrace.api.internal.Copies;
import java.util.List;

/**
 * The {@code [usage_governance.runtime_token_rules]} table.
 *
 * @param enabled whether token rules are evaluated
 * @param rules the rules
 */
public record RuntimeTokenRulesConfig(
        boolean enabled,
        List<TokenRule> rules) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param enabled whether token rules are evaluated
     * @param rules the rules
     */
    public RuntimeTokenRulesConfig {
        rules = Copies.list(rules);
    }

    /**
     * Returns the defaults: 750,000 tokens per rolling five hours and 5,000,000 per calendar week.
     *
     * @return the defaults
     */
    public static RuntimeTokenRulesConfig defaults() {
        return new RuntimeTokenRulesConfig(true, List.of(
                new TokenRule("rolling-5h-default", UsageWindow.ROLLING_5H, "total_tokens", 750_000),
                new TokenRule("calendar-week-default", UsageWindow.CALENDAR_WEEK, "total_tokens", 5_000_000)));
    }
}
