package ai.millrace.api.asset;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kind of a graph-loop edge. Informational: routing takes the first matching edge.
 */
public enum GraphLoopEdgeKind implements WireEnum {
    /** An ordinary transition (the default). */
    NORMAL("normal"),
    /** A retry edge, which carries max_attempts. */
    RETRY("retry"),
    /** An escalation edge. */
    ESCALATION("escalation"),
    /** A handoff edge. */
    HANDOFF("handoff"),
    /** An edge into a terminal state. */
    TERMINAL("terminal");

    private final String wireName;

    GraphLoopEdgeKind(String wireName) {
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
    public static GraphLoopEdgeKind of(String value) {
        return WireEnum.parse(GraphLoopEdgeKind.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
