package ai.millrace.api.state;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the runtime was started.
 */
public enum RuntimeMode implements WireEnum {
    /** One tick at a time, as in the run once command. */
    ONCE("once"),
    /** A long-running supervisor. */
    DAEMON("daemon");

    private final String wireName;

    RuntimeMode(String wireName) {
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
    public static RuntimeMode of(String value) {
        return WireEnum.parse(RuntimeMode.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
