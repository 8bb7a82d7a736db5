package ai.millrace.api.asset;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a stage may be run again after an unknown outcome.
 */
public enum StageIdempotencePolicy implements WireEnum {
    /** Running it twice is harmless. */
    IDEMPOTENT("idempotent"),
    /** It may be retried under the same request key (the default). */
    RETRY_SAFE_WITH_KEY("retry_safe_with_key"),
    /** It must not be re-run blindly. */
    SINGLE_ATTEMPT_ONLY("single_attempt_only");

    private final String wireName;

    StageIdempotencePolicy(String wireName) {
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
    public static StageIdempotencePolicy of(String value) {
        return WireEnum.parse(StageIdempotencePolicy.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
