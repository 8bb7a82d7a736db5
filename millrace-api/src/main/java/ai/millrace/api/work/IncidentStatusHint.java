package ai.millrace.api.work;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An incident's self-reported status hint.
 */
public enum IncidentStatusHint implements WireEnum {
    /** Waiting for intake. */
    INCOMING("incoming"),
    /** Being worked on. */
    ACTIVE("active"),
    /** Blocked. */
    BLOCKED("blocked"),
    /** Resolved. */
    RESOLVED("resolved");

    private final String wireName;

    IncidentStatusHint(String wireName) {
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
    public static IncidentStatusHint of(String value) {
        return WireEnum.parse(IncidentStatusHint.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
