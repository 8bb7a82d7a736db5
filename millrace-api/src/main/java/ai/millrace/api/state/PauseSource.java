package ai.millrace.api.state;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who paused the runtime. Sources are kept apart so that an operator resume cannot clear a governance pause.
 */
public enum PauseSource implements WireEnum {
    /** An operator or operator agent paused it. */
    OPERATOR("operator"),
    /** A token-usage rule paused it, and it resumes itself when the window frees up. */
    USAGE_GOVERNANCE("usage_governance");

    private final String wireName;

    PauseSource(String wireName) {
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
    public static PauseSource of(String value) {
        return WireEnum.parse(PauseSource.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
