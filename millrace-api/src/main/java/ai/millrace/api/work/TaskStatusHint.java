package ai.millrace.api.work;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A task's self-reported status hint.
 */
public enum TaskStatusHint implements WireEnum {
    /** Waiting in the queue. */
    QUEUED("queued"),
    /** Being worked on. */
    ACTIVE("active"),
    /** Blocked. */
    BLOCKED("blocked"),
    /** Finished. */
    DONE("done");

    private final String wireName;

    TaskStatusHint(String wireName) {
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
    public static TaskStatusHint of(String value) {
        return WireEnum.parse(TaskStatusHint.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
