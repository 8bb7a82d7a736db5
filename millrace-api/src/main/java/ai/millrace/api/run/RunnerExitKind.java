package ai.millrace.api.run;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a runner's process ended, as the runner observed it.
 */
public enum RunnerExitKind implements WireEnum {
    /** The runner ran to its end (its exit code may still be non-zero). */
    COMPLETED("completed"),
    /** The runner was stopped because it ran past its timeout. */
    TIMEOUT("timeout"),
    /** The runner failed to start or broke down (binary missing, crash, protocol error). */
    RUNNER_ERROR("runner_error"),
    /** The model provider failed (HTTP error, quota, stream failure). */
    PROVIDER_ERROR("provider_error"),
    /** The run was cancelled before it finished. */
    INTERRUPTED("interrupted");

    private final String wireName;

    RunnerExitKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a wire value.
     *
     * @param value the wire value
     * @return the constant
     * @throws ContractViolationException for an unknown value
     */
    @JsonCreator
    public static RunnerExitKind of(String value) {
        return WireEnum.parse(RunnerExitKind.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
