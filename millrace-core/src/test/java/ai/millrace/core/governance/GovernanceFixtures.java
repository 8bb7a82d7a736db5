package ai.millrace.core.governance;

import ai.millrace.api.Plane;
import ai.millrace.api.ResultClass;
import ai.millrace.api.StageId;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.config.QuotaRule;
import ai.millrace.api.config.QuotaWindow;
import ai.millrace.api.config.RuntimeTokenRulesConfig;
import ai.millrace.api.config.SubscriptionQuotaRulesConfig;
import ai.millrace.api.config.TokenRule;
import ai.millrace.api.config.UsageGovernanceConfig;
import ai.millrace.api.config.UsageWindow;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.run.TokenUsage;
import java.time.Instant;
import java.util.List;

/** Results and configurations for governance tests. */
final class GovernanceFixtures {
    private GovernanceFixtures() {
    }

    static StageResultEnvelope result(String runId, Instant completedAt, long totalTokens) {
        TerminalResult t = TerminalResult.BUILDER_COMPLETE;
        return StageResultEnvelope.builder().runId(runId).plane(Plane.EXECUTION).stage(StageId.BUILDER)
                .workItemKind(WorkItemKind.TASK).workItemId("task-1").terminalResult(t)
                .resultClass(ResultClass.SUCCESS).summaryStatusMarker(t.marker()).success(true)
                .tokenUsage(new TokenUsage(totalTokens / 2, 0, totalTokens - totalTokens / 2, 0, totalTokens))
                .startedAt(completedAt.minusSeconds(1)).completedAt(completedAt).build();
    }

    static UsageGovernanceConfig tokens(boolean autoResume, String zone, TokenRule... rules) {
        return new UsageGovernanceConfig(true, autoResume, "between_stages", zone,
                new RuntimeTokenRulesConfig(true, List.of(rules)), SubscriptionQuotaRulesConfig.defaults());
    }

    static TokenRule rule(String id, UsageWindow window, long threshold) {
        return new TokenRule(id, window, "total_tokens", threshold);
    }

    static UsageGovernanceConfig quota(String policy, int refreshSeconds) {
        return new UsageGovernanceConfig(true, true, "between_stages", "UTC", new RuntimeTokenRulesConfig(true, List.of()),
                new SubscriptionQuotaRulesConfig(true, "codex_chatgpt_oauth", policy, refreshSeconds, List.of(
                        new QuotaRule("five-hour", QuotaWindow.FIVE_HOUR, 90.0),
                        new QuotaRule("weekly", QuotaWindow.WEEKLY, 95.0))));
    }
}
