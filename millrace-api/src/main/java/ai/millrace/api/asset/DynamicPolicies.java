package ai.millrace.api.asset;

import ai.millrace.api.internal.Copies;
import java.util.List;

/**
 * The resume and threshold policies of a graph loop.
 *
 * @param resumePolicies resume policies
 * @param thresholdPolicies threshold policies
 */
public record DynamicPolicies(
        List<ResumePolicy> resumePolicies,
        List<ThresholdPolicy> thresholdPolicies) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param resumePolicies resume policies
     * @param thresholdPolicies threshold policies
     */
    public DynamicPolicies {
        resumePolicies = Copies.list(resumePolicies);
        thresholdPolicies = Copies.list(thresholdPolicies);
    }
}
