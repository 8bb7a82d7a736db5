package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import ai.millrace.api.internal.Copies;
import java.util.List;

/**
 * The {@code [usage_governance.subscription_quota_rules]} table.
 *
 * @param enabled whether quota rules are evaluated
 * @param provider the telemetry provider; {@code codex_chatgpt_oauth}
 * @param degradedPolicy {@code fail_open} or {@code fail_closed} when telemetry is unavailable
 * @param refreshIntervalSeconds telemetry cache age in seconds; greater than 0
 * @param rules the rules
 */
public record SubscriptionQuotaRulesConfig(
        boolean enabled,
        String provider,
        String degradedPolicy,
        int refreshIntervalSeconds,
        List<QuotaRule> rules) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param enabled whether quota rules are evaluated
     * @param provider the telemetry provider; {@code codex_chatgpt_oauth}
     * @param degradedPolicy {@code fail_open} or {@code fail_closed} when telemetry is unavailable
     * @param refreshIntervalSeconds telemetry cache age in seconds; greater than 0
     * @param rules the rules
     */
    public SubscriptionQuotaRulesConfig {
        Identifiers.requireText("provider", provider);
        Identifiers.requireText("degraded_policy", degradedPolicy);
        rules = Copies.list(rules);
        if (!"fail_open".equals(degradedPolicy) && !"fail_closed".equals(degradedPolicy)) {
            throw new ContractViolationException(
                    "usage_governance.subscription_quota_rules.degraded_policy must be fail_open or fail_closed (got "
                    + degradedPolicy + ")");
        }
        if (refreshIntervalSeconds <= 0) {
            throw new ContractViolationException("usage_governance.subscription_quota_rules.refresh_interval_seconds must be greater than 0 (got " + refreshIntervalSeconds + ")");
        }
    }

    /**
     * Returns the defaults: disabled, 95% of the five-hour and weekly windows.
     *
     * @return the defaults
     */
    public static SubscriptionQuotaRulesConfig defaults() {
        return new SubscriptionQuotaRulesConfig(false, "codex_chatgpt_oauth", "fail_open", 60, List.of(
                new QuotaRule("codex-five-hour-default", QuotaWindow.FIVE_HOUR, 95.0),
                new QuotaRule("codex-weekly-default", QuotaWindow.WEEKLY, 95.0)));
    }
}
