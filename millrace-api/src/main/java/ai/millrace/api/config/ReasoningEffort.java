package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Model reasoning effort passed to runners that support it.
 */
public enum ReasoningEffort implements WireEnum {
    /** Low. */
    LOW("low"),
    /** Medium. */
    MEDIUM("medium"),
    /** High. */
    HIGH("high"),
    /** Extra high. */
    XHIGH("xhigh");

    private final String wireName;

    ReasoningEffort(String wireName) {
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
    public static ReasoningEffort of(String value) {
        return WireEnum.parse(ReasoningEffort.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
