package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A window over which token usage is summed.
 */
public enum UsageWindow implements WireEnum {
    /** The last five hours. */
    ROLLING_5H("rolling_5h"),
    /** The current calendar week in the configured time zone. */
    CALENDAR_WEEK("calendar_week"),
    /** Since the daemon started. */
    DAEMON_SESSION("daemon_session"),
    /** One run (one work-item activation). */
    PER_RUN("per_run");

    private final String wireName;

    UsageWindow(String wireName) {
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
    public static UsageWindow of(String value) {
        return WireEnum.parse(UsageWindow.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
