package ai.millrace.compiler;

import ai.millrace.api.plan.CompileInputFingerprint;
import java.util.Objects;

/**
 * The result of a currentness check.
 *
 * @param state current, stale or missing; never null
 * @param expectedFingerprint the fingerprint computed from current inputs; never null (its assets
 *     part is {@code assets-missing} when there is no persisted plan)
 * @param persistedPlanId the persisted plan's id, null when missing
 * @param persistedFingerprint the persisted plan's fingerprint, null when missing
 */
public record CurrentnessReport(PlanCurrentness state, CompileInputFingerprint expectedFingerprint,
        String persistedPlanId, CompileInputFingerprint persistedFingerprint) {
    /**
     * Checks the required fields.
     *
     * @param state current, stale or missing
     * @param expectedFingerprint the expected fingerprint
     * @param persistedPlanId the persisted plan id, may be null
     * @param persistedFingerprint the persisted fingerprint, may be null
     */
    public CurrentnessReport {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expectedFingerprint, "expectedFingerprint");
    }
}
