package ai.millrace.api.work;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a learning request asks for.
 */
public enum LearningRequestAction implements WireEnum {
    /** Create a new skill. */
    CREATE("create"),
    /** Improve an existing skill. */
    IMPROVE("improve"),
    /** Promote a workspace skill. */
    PROMOTE("promote"),
    /** Export a skill. */
    EXPORT("export"),
    /** Install a skill. */
    INSTALL("install");

    private final String wireName;

    LearningRequestAction(String wireName) {
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
    public static LearningRequestAction of(String value) {
        return WireEnum.parse(LearningRequestAction.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
