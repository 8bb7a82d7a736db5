package ai.millrace.api.asset;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The recovery role a stage kind plays, for documentation and doctor.
 */
public enum RecoveryRole implements WireEnum {
    /** Repairs a failure in place (troubleshooter, mechanic). */
    LOCAL_REPAIR("local_repair"),
    /** Decides between continuing and escalating (consultant). */
    ESCALATION("escalation");

    private final String wireName;

    RecoveryRole(String wireName) {
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
    public static RecoveryRole of(String value) {
        return WireEnum.parse(RecoveryRole.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
