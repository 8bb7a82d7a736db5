package ai.millrace.testkit.runner.internal;

import ai.millrace.testkit.runner.Reply;
import ai.millrace.testkit.runner.StageCall;
import java.util.function.Function;

/**
 * One scripted answer: for a stage, optionally only for one work item and one attempt.
 *
 * @param stage the stage name
 * @param workItemId the work item, or null for every item
 * @param attempt the attempt (1-based), or 0 for every attempt
 * @param reply computes the reply
 */
public record ScriptRule(String stage, String workItemId, int attempt, Function<StageCall, Reply> reply) {
    /**
     * Tells whether the rule applies to a call.
     *
     * @param call the call
     * @return true when stage, item and attempt match
     */
    public boolean matches(StageCall call) {
        return stage.equals(call.stage()) && (workItemId == null || workItemId.equals(call.workItemId()))
                && (attempt == 0 || attempt == call.attempt());
    }

    /**
     * Ranks rules: an item-and-attempt rule beats an item rule, which beats an attempt rule, which
     * beats a stage-wide rule.
     *
     * @return the rank, 0 to 3
     */
    public int specificity() {
        return (workItemId != null ? 2 : 0) + (attempt != 0 ? 1 : 0);
    }
}
