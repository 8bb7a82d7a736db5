package ai.millrace.api.run;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a stage invocation is about.
 */
public enum RequestKind implements WireEnum {
    /** A claimed task, spec or incident (the default). */
    ACTIVE_WORK_ITEM("active_work_item"),
    /** An arbiter pass over a root spec's whole lineage. */
    CLOSURE_TARGET("closure_target"),
    /** A learning request on the learning plane. */
    LEARNING_REQUEST("learning_request");

    private final String wireName;

    RequestKind(String wireName) {
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
    public static RequestKind of(String value) {
        return WireEnum.parse(RequestKind.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
