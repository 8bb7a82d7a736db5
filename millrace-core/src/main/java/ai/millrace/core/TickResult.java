package ai.millrace.core;

import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.state.RouterDecision;

/**
 * What one tick did: ran a stage (with its result and the router's decision), or stayed idle
 * for a reason ({@code no_work}, {@code paused}, {@code stop_requested}).
 *
 * @param reason the idle reason, or the decision's reason when a stage ran
 * @param result the stage result, or null when idle
 * @param decision the router decision, or null when idle
 */
public record TickResult(String reason, StageResultEnvelope result, RouterDecision decision) {
    /**
     * Returns an idle result.
     *
     * @param reason why nothing ran
     * @return the result
     */
    public static TickResult idle(String reason) {
        return new TickResult(reason, null, null);
    }

    /**
     * Returns the result of a tick that ran a stage.
     *
     * @param result the stage result
     * @param decision the router decision
     * @return the result
     */
    public static TickResult ran(StageResultEnvelope result, RouterDecision decision) {
        return new TickResult(decision.reason(), result, decision);
    }

    /**
     * Tells whether a stage ran.
     *
     * @return true when a result was applied
     */
    public boolean ranStage() {
        return result != null;
    }
}
