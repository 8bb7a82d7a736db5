package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;

/**
 * One {@code [stages.<stage>]} table: per-stage runner, model, reasoning effort and timeout.
 *
 * @param runner the runner id; may be null
 * @param model the model; may be null
 * @param modelReasoningEffort the reasoning effort; may be null
 * @param timeoutSeconds the timeout; greater than 0
 */
public record StageConfig(
        String runner,
        String model,
        ReasoningEffort modelReasoningEffort,
        int timeoutSeconds) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param runner the runner id; may be null
     * @param model the model; may be null
     * @param modelReasoningEffort the reasoning effort; may be null
     * @param timeoutSeconds the timeout; greater than 0
     */
    public StageConfig {
        if (timeoutSeconds <= 0) {
            throw new ContractViolationException("stages.*.timeout_seconds must be greater than 0 (got " + timeoutSeconds + ")");
        }
    }

    /** The default stage timeout, one hour. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 3600;

    /**
     * Returns the defaults: no bindings, one hour.
     *
     * @return the defaults
     */
    public static StageConfig defaults() {
        return new StageConfig(null, null, null, DEFAULT_TIMEOUT_SECONDS);
    }
}
