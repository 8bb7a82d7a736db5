package ai.millrace.core.internal.governance;

import ai.millrace.api.config.TokenRule;
import ai.millrace.core.governance.UsageBlocker;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Evaluates one runtime token rule against the window index. Stateless.
 */
public final class TokenRuleCheck {
    private TokenRuleCheck() {
    }

    /**
     * Checks a rule.
     *
     * @param rule the rule
     * @param index the index, already advanced to {@code now}
     * @param weeks the calendar
     * @param now the evaluation time
     * @param sessionId the daemon session, or null offline
     * @param activeRunIds the runs active now; the per-run window looks at these
     * @return the blocker, or empty when under the threshold
     */
    public static Optional<UsageBlocker> check(TokenRule rule, UsageWindowIndex index, CalendarWeeks weeks, Instant now,
            String sessionId, Collection<String> activeRunIds) {
        long observed;
        Instant release = null;
        boolean autoResume;
        String scope;
        switch (rule.window()) {
            case ROLLING_5H:
                observed = index.rollingSum();
                release = index.rollingReleaseAt(rule.threshold());
                autoResume = true;
                scope = "the last five hours";
                break;
            case CALENDAR_WEEK:
                observed = index.weekSum();
                release = weeks.nextWeekStart(now);
                autoResume = true;
                scope = "the calendar week starting " + weeks.weekStart(now) + " (" + weeks.zone() + ")";
                break;
            case DAEMON_SESSION:
                observed = index.sessionSum(sessionId);
                autoResume = false;
                scope = "runtime session " + (sessionId == null ? "(offline)" : sessionId);
                break;
            case PER_RUN:
            default:
                observed = 0;
                String worst = null;
                for (String run : activeRunIds) {
                    long sum = index.runSum(run);
                    if (worst == null || sum > observed) {
                        observed = sum;
                        worst = run;
                    }
                }
                autoResume = false;
                scope = worst == null ? "no active run" : "run " + worst;
                break;
        }
        if (observed < rule.threshold()) {
            return Optional.empty();
        }
        return Optional.of(new UsageBlocker(UsageBlocker.RUNTIME_TOKEN, rule.ruleId(), rule.window().wireName(),
                observed, rule.threshold(), rule.metric(), autoResume, autoResume ? release : null,
                observed + " " + rule.metric() + " in " + scope + " reached the threshold " + rule.threshold()));
    }
}
