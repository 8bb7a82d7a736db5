package ai.millrace.compiler;

import ai.millrace.api.Plane;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.asset.GraphLoopTerminalClass;
import ai.millrace.api.state.RouterAction;
import java.util.Optional;

/**
 * What the runtime does when a stage's outcome leads into a terminal state, and therefore which
 * terminal transitions a graph may declare. The compiler rejects a graph whose terminal edge has
 * no action here, so the router never meets one at run time.
 *
 * <ul>
 *   <li><b>Learning plane</b>: generic; a {@code blocked} terminal state blocks, any other ends the
 *       request ({@code idle}).</li>
 *   <li><b>Execution and planning</b>, built-in and custom stage kinds alike, by the terminal
 *       state's class: {@code success} idle; {@code blocked} blocked; {@code escalate_planning}
 *       handoff (execution only: it hands the item to planning); {@code followup_needed} handoff
 *       only for a stage kind with the closure role (a gap found at closure becomes remediation
 *       work). This reproduces every pair the original hard-coded (updater UPDATE_COMPLETE idle,
 *       consultant NEEDS_PLANNING handoff, consultant BLOCKED blocked, manager MANAGER_COMPLETE
 *       idle, arbiter ARBITER_COMPLETE idle, REMEDIATION_NEEDED handoff, BLOCKED blocked) without
 *       its limit that other stages could not end a loop.</li>
 *   <li><b>Threshold exhaustion into a terminal state</b>: only a {@code blocked} state.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class TerminalTransitions {
    private TerminalTransitions() {
    }

    /**
     * Returns the runtime action for a transition into a terminal state.
     *
     * @param plane the plane of the graph, never null
     * @param stageKindId the source node's stage kind id, never null
     * @param outcome the outcome taking the edge, never null
     * @param terminalClass the class of the target terminal state, never null
     * @param closureRole whether the source stage kind has the closure role
     * @return the action, or empty when the runtime cannot apply this transition
     */
    public static Optional<RouterAction> actionFor(Plane plane, String stageKindId, TerminalResult outcome,
            GraphLoopTerminalClass terminalClass, boolean closureRole) {
        if (plane == Plane.LEARNING) {
            return Optional.of(terminalClass == GraphLoopTerminalClass.BLOCKED ? RouterAction.BLOCKED : RouterAction.IDLE);
        }
        switch (terminalClass) {
            case SUCCESS:
                return Optional.of(RouterAction.IDLE);
            case BLOCKED:
                return Optional.of(RouterAction.BLOCKED);
            case ESCALATE_PLANNING:
                return plane == Plane.EXECUTION ? Optional.of(RouterAction.HANDOFF) : Optional.empty();
            case FOLLOWUP_NEEDED:
                return closureRole ? Optional.of(RouterAction.HANDOFF) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /**
     * Returns the runtime action when a threshold policy is exhausted into a terminal state.
     *
     * @param terminalClass the class of the terminal state, never null
     * @return {@link RouterAction#BLOCKED} for a blocked state, otherwise empty
     */
    public static Optional<RouterAction> exhaustedActionFor(GraphLoopTerminalClass terminalClass) {
        return terminalClass == GraphLoopTerminalClass.BLOCKED ? Optional.of(RouterAction.BLOCKED) : Optional.empty();
    }
}
