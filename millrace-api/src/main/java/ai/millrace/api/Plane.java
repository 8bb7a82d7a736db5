package ai.millrace.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The three planes of work. Each plane runs at most one stage at a time.
 */
public enum Plane implements WireEnum {
    /** Builds, checks, fixes and documents one task at a time. */
    EXECUTION("execution"),
    /** Turns ideas, specs and incidents into tasks, and judges closure. */
    PLANNING("planning"),
    /** Improves the skills the other planes use. */
    LEARNING("learning");

    private final String wireName;

    Plane(String wireName) {
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
     * @param value {@code execution}, {@code planning} or {@code learning}
     * @return the plane
     * @throws ContractViolationException for any other value
     */
    @JsonCreator
    public static Plane of(String value) {
        return WireEnum.parse(Plane.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
