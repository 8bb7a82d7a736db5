package ai.millrace.api.asset;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What reaching a terminal state means.
 */
public enum GraphLoopTerminalClass implements WireEnum {
    /** The work item is done. */
    SUCCESS("success"),
    /** More work is needed (remediation). */
    FOLLOWUP_NEEDED("followup_needed"),
    /** The work item is blocked. */
    BLOCKED("blocked"),
    /** The work item goes to planning. */
    ESCALATE_PLANNING("escalate_planning");

    private final String wireName;

    GraphLoopTerminalClass(String wireName) {
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
    public static GraphLoopTerminalClass of(String value) {
        return WireEnum.parse(GraphLoopTerminalClass.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
