package ai.millrace.api.asset;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What kind of work enters a loop at an entry node.
 */
public enum GraphLoopEntryKey implements WireEnum {
    /** A claimed task. */
    TASK("task"),
    /** A claimed spec. */
    SPEC("spec"),
    /** A claimed incident. */
    INCIDENT("incident"),
    /** A closure target ready for the arbiter. */
    CLOSURE_TARGET("closure_target"),
    /** A claimed learning request. */
    LEARNING_REQUEST("learning_request");

    private final String wireName;

    GraphLoopEntryKey(String wireName) {
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
    public static GraphLoopEntryKey of(String value) {
        return WireEnum.parse(GraphLoopEntryKey.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
