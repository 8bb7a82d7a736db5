package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A subscription quota window reported by the provider.
 */
public enum QuotaWindow implements WireEnum {
    /** The provider's five-hour window. */
    FIVE_HOUR("five_hour"),
    /** The provider's weekly window. */
    WEEKLY("weekly");

    private final String wireName;

    QuotaWindow(String wireName) {
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
    public static QuotaWindow of(String value) {
        return WireEnum.parse(QuotaWindow.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
