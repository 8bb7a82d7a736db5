package ai.millrace.compiler;

import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.plan.CompileInputFingerprint;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.state.CompileDiagnostics;
import java.util.Objects;

/**
 * What {@link CompiledPlanStore#compileAndPersist} decided (spec 01 section 4.9).
 *
 * @param activePlan the plan to run: new, persisted-and-current, or last known good; null when
 *     there is none to run
 * @param diagnostics the diagnostics of this attempt; when the last known good plan was kept, a
 *     warning says so
 * @param usedLastKnownGood true when the compile failed and {@code activePlan} is the persisted plan
 * @param compileInputFingerprint the fingerprint of the active plan's inputs, null when unknown
 * @param stageRegistry the stage registry matching {@code activePlan} (built-ins plus its custom stages)
 * @param compiled true when a compile ran (false when a current persisted plan was reused)
 */
public record CompileOutcome(CompiledRunPlan activePlan, CompileDiagnostics diagnostics, boolean usedLastKnownGood,
        CompileInputFingerprint compileInputFingerprint, StageMetadataRegistry stageRegistry, boolean compiled) {
    /**
     * Checks the required fields.
     *
     * @param activePlan the active plan, may be null
     * @param diagnostics the diagnostics
     * @param usedLastKnownGood whether the last known good plan was kept
     * @param compileInputFingerprint the fingerprint, may be null
     * @param stageRegistry the stage registry
     * @param compiled whether a compile ran
     */
    public CompileOutcome {
        Objects.requireNonNull(diagnostics, "diagnostics");
        Objects.requireNonNull(stageRegistry, "stageRegistry");
    }
}
