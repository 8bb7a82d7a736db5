package ai.millrace.api.asset;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A recovery counter a threshold policy compares against its limit.
 */
public enum GraphLoopCounterName implements WireEnum {
    /** Fix cycles of the active item. */
    FIX_CYCLE_COUNT("fix_cycle_count"),
    /** Troubleshooter runs for one failure class. */
    TROUBLESHOOT_ATTEMPT_COUNT("troubleshoot_attempt_count"),
    /** Mechanic runs for one failure class. */
    MECHANIC_ATTEMPT_COUNT("mechanic_attempt_count");

    private final String wireName;

    GraphLoopCounterName(String wireName) {
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
    public static GraphLoopCounterName of(String value) {
        return WireEnum.parse(GraphLoopCounterName.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
