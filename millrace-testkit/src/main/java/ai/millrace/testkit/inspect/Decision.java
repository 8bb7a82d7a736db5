package ai.millrace.testkit.inspect;

import ai.millrace.api.state.RuntimeEvent;
import java.util.Map;

/**
 * One {@code router_decision} event, tied to the work item its run belongs to.
 *
 * @param plane the plane
 * @param runId the run id
 * @param workItemId the work item the run belongs to; null when the log does not say
 * @param stage the stage whose result was routed
 * @param terminalResult the result token, such as {@code FIX_NEEDED}
 * @param action the router action, such as {@code run_stage}, {@code idle}, {@code blocked}, {@code handoff}
 * @param nextStage the next stage; null when none
 * @param reason the router's reason
 * @param failureClass the failure class; null when none
 */
public record Decision(String plane, String runId, String workItemId, String stage, String terminalResult,
        String action, String nextStage, String reason, String failureClass) {

    static Decision of(RuntimeEvent event, String workItemId) {
        Map<String, Object> d = event.data();
        return new Decision(text(d, "plane"), text(d, "run_id"), workItemId, text(d, "stage"),
                text(d, "terminal_result"), text(d, "action"), text(d, "next_stage"), text(d, "reason"),
                text(d, "failure_class"));
    }

    static String text(Map<String, Object> data, String key) {
        Object value = data.get(key);
        return value == null ? null : value.toString();
    }

    /**
     * Returns the decision in one line, the form assertions compare:
     * {@code checker:FIX_NEEDED -> run_stage fixer (fix_needed)}.
     *
     * @return the line
     */
    public String line() {
        return stage + ":" + terminalResult + " -> " + action + (nextStage == null ? "" : " " + nextStage)
                + " (" + reason + ")";
    }

    @Override
    public String toString() {
        return line();
    }
}
