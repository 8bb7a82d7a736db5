package ai.millrace.core.governance;

import ai.millrace.api.Identifiers;
import java.time.Instant;

/**
 * One rule that currently blocks dispatching. Immutable.
 *
 * @param source {@code runtime_token} or {@code subscription_quota}
 * @param ruleId the rule id
 * @param window {@code rolling_5h}, {@code calendar_week}, {@code daemon_session}, {@code per_run},
 *     {@code five_hour}, {@code weekly} or {@code degraded}
 * @param observed the observed value (tokens, or percent used)
 * @param threshold the threshold reached
 * @param metric {@code total_tokens} or {@code percent_used}
 * @param autoResumePossible whether the blocker frees up by itself as time passes
 * @param nextAutoResumeAt when it frees up if nothing new is counted; null when unknown
 * @param detail a sentence for operators
 */
public record UsageBlocker(
        String source,
        String ruleId,
        String window,
        double observed,
        double threshold,
        String metric,
        boolean autoResumePossible,
        Instant nextAutoResumeAt,
        String detail) {
    /** The source of runtime token rules. */
    public static final String RUNTIME_TOKEN = "runtime_token";
    /** The source of subscription quota rules. */
    public static final String SUBSCRIPTION_QUOTA = "subscription_quota";

    /**
     * Validates the required fields.
     *
     * @param source the source
     * @param ruleId the rule id
     * @param window the window
     * @param observed the observed value
     * @param threshold the threshold
     * @param metric the metric
     * @param autoResumePossible whether it frees up by itself
     * @param nextAutoResumeAt when it frees up, or null
     * @param detail a sentence for operators
     */
    public UsageBlocker {
        Identifiers.requireText("source", source);
        Identifiers.requireText("rule_id", ruleId);
        Identifiers.requireText("window", window);
        Identifiers.requireText("metric", metric);
    }
}
