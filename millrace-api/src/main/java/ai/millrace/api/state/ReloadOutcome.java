package ai.millrace.api.state;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The outcome of the last configuration reload.
 */
public enum ReloadOutcome implements WireEnum {
    /** The new configuration compiled and is in use. */
    APPLIED("applied"),
    /** The new configuration failed to compile, so the previous plan stays in use. */
    FAILED_RETAINED_PREVIOUS_PLAN("failed_retained_previous_plan");

    private final String wireName;

    ReloadOutcome(String wireName) {
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
    public static ReloadOutcome of(String value) {
        return WireEnum.parse(ReloadOutcome.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
