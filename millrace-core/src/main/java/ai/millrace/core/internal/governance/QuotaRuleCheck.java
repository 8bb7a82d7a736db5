package ai.millrace.core.internal.governance;

import ai.millrace.api.config.QuotaRule;
import ai.millrace.api.config.SubscriptionQuotaRulesConfig;
import ai.millrace.core.governance.QuotaReading;
import ai.millrace.core.governance.QuotaWindowReading;
import ai.millrace.core.governance.UsageBlocker;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates subscription quota rules against one telemetry reading. Stateless.
 */
public final class QuotaRuleCheck {
    /** The rule id of the blocker raised by {@code fail_closed} when telemetry is unavailable. */
    public static final String FAIL_CLOSED_RULE = "subscription-quota-degraded-fail-closed";

    private QuotaRuleCheck() {
    }

    /**
     * Checks every quota rule.
     *
     * @param config the quota configuration (enabled)
     * @param reading the telemetry reading
     * @return the blockers
     */
    public static List<UsageBlocker> check(SubscriptionQuotaRulesConfig config, QuotaReading reading) {
        List<UsageBlocker> out = new ArrayList<>();
        boolean failClosed = "fail_closed".equals(config.degradedPolicy());
        if (!reading.available()) {
            if (failClosed) {
                out.add(new UsageBlocker(UsageBlocker.SUBSCRIPTION_QUOTA, FAIL_CLOSED_RULE, "degraded", 100, 100,
                        "percent_used", false, null, "quota telemetry is unavailable (" + reading.detail()
                                + ") and degraded_policy is fail_closed"));
            }
            return out;
        }
        for (QuotaRule rule : config.rules()) {
            QuotaWindowReading window = reading.windows().get(rule.window());
            if (window == null) {
                if (failClosed) {
                    out.add(new UsageBlocker(UsageBlocker.SUBSCRIPTION_QUOTA, rule.ruleId(), rule.window().wireName(),
                            100, rule.pauseAtPercentUsed(), "percent_used", false, null, "the provider reported no "
                                    + rule.window() + " window and degraded_policy is fail_closed"));
                }
                continue;
            }
            if (window.percentUsed() >= rule.pauseAtPercentUsed()) {
                out.add(new UsageBlocker(UsageBlocker.SUBSCRIPTION_QUOTA, rule.ruleId(), rule.window().wireName(),
                        window.percentUsed(), rule.pauseAtPercentUsed(), "percent_used", window.resetsAt() != null,
                        window.resetsAt(), window.percentUsed() + "% of the " + rule.window()
                                + " subscription window is used (pause at " + rule.pauseAtPercentUsed() + "%)"));
            }
        }
        return out;
    }
}
