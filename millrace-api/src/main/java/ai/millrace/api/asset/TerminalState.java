package ai.millrace.api.asset;

import ai.millrace.api.TerminalResult;
import ai.millrace.api.internal.Copies;
import java.util.List;
import java.util.Objects;

/**
 * A terminal state of a graph loop: where a plane run ends, and what status it writes.
 *
 * @param terminalStateId the canonical terminal state id
 * @param terminalClass what reaching it means
 * @param writesStatus the status token it writes
 * @param emitsArtifacts artifacts it emits
 * @param endsPlaneRun whether it ends the plane run (default true)
 */
public record TerminalState(
        String terminalStateId,
        GraphLoopTerminalClass terminalClass,
        TerminalResult writesStatus,
        List<String> emitsArtifacts,
        Boolean endsPlaneRun) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param terminalStateId the canonical terminal state id
     * @param terminalClass what reaching it means
     * @param writesStatus the status token it writes
     * @param emitsArtifacts artifacts it emits
     * @param endsPlaneRun whether it ends the plane run (default true)
     */
    public TerminalState {
        Objects.requireNonNull(terminalStateId, "terminal_state_id is required");
        Objects.requireNonNull(terminalClass, "terminal_class is required");
        Objects.requireNonNull(writesStatus, "writes_status is required");
        emitsArtifacts = Copies.list(emitsArtifacts);
        endsPlaneRun = endsPlaneRun == null ? Boolean.TRUE : endsPlaneRun;
    }
}
