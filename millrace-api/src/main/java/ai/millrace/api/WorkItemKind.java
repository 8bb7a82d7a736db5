package ai.millrace.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The four kinds of work document.
 */
public enum WorkItemKind implements WireEnum {
    /** An execution task. */
    TASK("task"),
    /** A planning spec. */
    SPEC("spec"),
    /** An incident that needs planning. */
    INCIDENT("incident"),
    /** A request to the learning plane. */
    LEARNING_REQUEST("learning_request");

    private final String wireName;

    WorkItemKind(String wireName) {
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
    public static WorkItemKind of(String value) {
        return WireEnum.parse(WorkItemKind.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
