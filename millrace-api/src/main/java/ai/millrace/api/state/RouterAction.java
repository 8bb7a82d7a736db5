package ai.millrace.api.state;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the router decided after a stage result.
 */
public enum RouterAction implements WireEnum {
    /** Run another stage for the same work item. */
    RUN_STAGE("run_stage"),
    /** Hand the item to another plane (usually through an incident). */
    HANDOFF("handoff"),
    /** The item is done and the plane goes idle. */
    IDLE("idle"),
    /** The item is blocked and the plane goes idle. */
    BLOCKED("blocked");

    private final String wireName;

    RouterAction(String wireName) {
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
    public static RouterAction of(String value) {
        return WireEnum.parse(RouterAction.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
