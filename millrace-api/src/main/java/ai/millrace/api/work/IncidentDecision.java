package ai.millrace.api.work;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The consultant's decision recorded on an incident.
 */
public enum IncidentDecision implements WireEnum {
    /** Planning must take it over. */
    NEEDS_PLANNING("needs_planning"),
    /** Nobody can proceed without an operator. */
    BLOCKED("blocked");

    private final String wireName;

    IncidentDecision(String wireName) {
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
    public static IncidentDecision of(String value) {
        return WireEnum.parse(IncidentDecision.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
