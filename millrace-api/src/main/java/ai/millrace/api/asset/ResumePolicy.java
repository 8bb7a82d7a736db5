package ai.millrace.api.asset;

import ai.millrace.api.TerminalResult;
import ai.millrace.api.internal.Copies;
import java.util.List;
import java.util.Objects;

/**
 * Where a recovery stage resumes: a default target, optionally chosen from result metadata.
 *
 * @param policyId the policy id
 * @param sourceNodeId the recovery node
 * @param onOutcome the outcome that resumes
 * @param defaultTargetNodeId the default resume target
 * @param metadataStageKeys result metadata keys that may name another target
 * @param disallowedTargetNodeIds targets that may never be chosen
 */
public record ResumePolicy(
        String policyId,
        String sourceNodeId,
        TerminalResult onOutcome,
        String defaultTargetNodeId,
        List<String> metadataStageKeys,
        List<String> disallowedTargetNodeIds) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param policyId the policy id
     * @param sourceNodeId the recovery node
     * @param onOutcome the outcome that resumes
     * @param defaultTargetNodeId the default resume target
     * @param metadataStageKeys result metadata keys that may name another target
     * @param disallowedTargetNodeIds targets that may never be chosen
     */
    public ResumePolicy {
        Objects.requireNonNull(policyId, "policy_id is required");
        Objects.requireNonNull(sourceNodeId, "source_node_id is required");
        Objects.requireNonNull(onOutcome, "on_outcome is required");
        Objects.requireNonNull(defaultTargetNodeId, "default_target_node_id is required");
        metadataStageKeys = Copies.list(metadataStageKeys);
        disallowedTargetNodeIds = Copies.list(disallowedTargetNodeIds);
    }
}
