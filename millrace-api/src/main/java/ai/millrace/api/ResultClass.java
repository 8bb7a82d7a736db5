package ai.millrace.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a terminal result means for routing. Each legal outcome of a stage maps to one or more
 * classes in {@link StageMetadata#allowedResultClassesByOutcome()}.
 */
public enum ResultClass implements WireEnum {
    /** The stage did its job. */
    SUCCESS("success"),
    /** The stage found more work for the same item (fix needed, remediation needed). */
    FOLLOWUP_NEEDED("followup_needed"),
    /** The runtime could not get a valid result; recovery may retry. */
    RECOVERABLE_FAILURE("recoverable_failure"),
    /** The problem needs planning (the consultant's {@code NEEDS_PLANNING}). */
    ESCALATE_PLANNING("escalate_planning"),
    /** The agent reported it cannot proceed. */
    BLOCKED("blocked");

    private final String wireName;

    ResultClass(String wireName) {
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
     * @return the class
     * @throws ContractViolationException for an unknown value
     */
    @JsonCreator
    public static ResultClass of(String value) {
        return WireEnum.parse(ResultClass.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
