package ai.millrace.api.work;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How bad an incident is.
 */
public enum IncidentSeverity implements WireEnum {
    /** Minor. */
    LOW("low"),
    /** The default. */
    MEDIUM("medium"),
    /** Serious, as runtime handoff incidents are. */
    HIGH("high"),
    /** Stops the lineage. */
    CRITICAL("critical");

    private final String wireName;

    IncidentSeverity(String wireName) {
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
    public static IncidentSeverity of(String value) {
        return WireEnum.parse(IncidentSeverity.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
