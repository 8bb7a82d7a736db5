package ai.millrace.api.work;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a spec came from.
 */
public enum SpecSourceType implements WireEnum {
    /** An idea dropped into the inbox. */
    IDEA("idea"),
    /** An incident handed to planning. */
    INCIDENT("incident"),
    /** Written by an operator. */
    MANUAL("manual"),
    /** Split out of another spec by the planner. */
    DERIVED_SPEC("derived_spec");

    private final String wireName;

    SpecSourceType(String wireName) {
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
    public static SpecSourceType of(String value) {
        return WireEnum.parse(SpecSourceType.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
