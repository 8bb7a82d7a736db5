package ai.millrace.api.state;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the runtime notices new work files.
 */
public enum WatcherMode implements WireEnum {
    /** File-system events wake the runtime. */
    WATCH("watch"),
    /** The runtime scans on every tick. */
    POLL("poll"),
    /** Only explicit commands add work. */
    OFF("off");

    private final String wireName;

    WatcherMode(String wireName) {
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
    public static WatcherMode of(String value) {
        return WireEnum.parse(WatcherMode.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
