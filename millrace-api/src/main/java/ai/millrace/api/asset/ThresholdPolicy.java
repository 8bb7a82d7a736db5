package ai.millrace.api.asset;

import ai.millrace.api.TerminalResult;
import ai.millrace.api.internal.Copies;
import java.util.List;
import java.util.Objects;

/**
 * A recovery limit: when a counter reaches the threshold on an outcome, go to the exhausted target
 * instead of the normal edge. The compiler replaces {@code threshold} with the configured limit.
 *
 * @param policyId the policy id
 * @param sourceNodeIds the nodes it applies to (at least one)
 * @param onOutcome the outcome it watches
 * @param counterName the counter compared
 * @param threshold the limit, at least 1
 * @param exhaustedTargetNodeId the node to run when exhausted; exactly one of this and the terminal state
 * @param exhaustedTerminalStateId the terminal state when exhausted; exactly one of this and the node
 */
public record ThresholdPolicy(
        String policyId,
        List<String> sourceNodeIds,
        TerminalResult onOutcome,
        GraphLoopCounterName counterName,
        int threshold,
        String exhaustedTargetNodeId,
        String exhaustedTerminalStateId) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param policyId the policy id
     * @param sourceNodeIds the nodes it applies to (at least one)
     * @param onOutcome the outcome it watches
     * @param counterName the counter compared
     * @param threshold the limit, at least 1
     * @param exhaustedTargetNodeId the node to run when exhausted; exactly one of this and the terminal state
     * @param exhaustedTerminalStateId the terminal state when exhausted; exactly one of this and the node
     */
    public ThresholdPolicy {
        Objects.requireNonNull(policyId, "policy_id is required");
        sourceNodeIds = Copies.list(sourceNodeIds);
        Objects.requireNonNull(onOutcome, "on_outcome is required");
        Objects.requireNonNull(counterName, "counter_name is required");
    }
}
