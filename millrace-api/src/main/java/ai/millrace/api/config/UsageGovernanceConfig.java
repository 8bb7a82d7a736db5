package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import java.util.Objects;

/**
 * The {@code [usage_governance]} table. Off by default.
 *
 * @param enabled the master switch
 * @param autoResume remove the governance pause when blockers clear
 * @param evaluationBoundary {@code between_stages}
 * @param calendarTimezone IANA zone for calendar weeks
 * @param runtimeTokenRules token rules
 * @param subscriptionQuotaRules quota rules
 */
public record UsageGovernanceConfig(
        boolean enabled,
        boolean autoResume,
        String evaluationBoundary,
        String calendarTimezone,
        RuntimeTokenRulesConfig runtimeTokenRules,
        SubscriptionQuotaRulesConfig subscriptionQuotaRules) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param enabled the master switch
     * @param autoResume remove the governance pause when blockers clear
     * @param evaluationBoundary {@code between_stages}
     * @param calendarTimezone IANA zone for calendar weeks
     * @param runtimeTokenRules token rules
     * @param subscriptionQuotaRules quota rules
     */
    public UsageGovernanceConfig {
        Identifiers.requireText("evaluation_boundary", evaluationBoundary);
        Identifiers.requireText("calendar_timezone", calendarTimezone);
        Objects.requireNonNull(runtimeTokenRules, "runtime_token_rules is required");
        Objects.requireNonNull(subscriptionQuotaRules, "subscription_quota_rules is required");
        if (!"between_stages".equals(evaluationBoundary)) {
            throw new ContractViolationException(
                    "usage_governance.evaluation_boundary must be between_stages (got " + evaluationBoundary + ")");
        }
    }

    /**
     * Returns the defaults: disabled, auto-resume, UTC weeks, default rules.
     *
     * @return the defaults
     */
    public static UsageGovernanceConfig defaults() {
        return new UsageGovernanceConfig(false, true, "between_stages", "UTC", RuntimeTokenRulesConfig.defaults(),
                SubscriptionQuotaRulesConfig.defaults());
    }
}
