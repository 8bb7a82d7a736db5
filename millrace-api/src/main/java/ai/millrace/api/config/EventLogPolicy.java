package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How much of a Pi session's event stream is kept.
 */
public enum EventLogPolicy implements WireEnum {
    /** Keep the full log only when the stage failed. */
    FAILURE_FULL("failure_full"),
    /** Always keep the full log. */
    FULL("full");

    private final String wireName;

    EventLogPolicy(String wireName) {
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
    public static EventLogPolicy of(String value) {
        return WireEnum.parse(EventLogPolicy.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
