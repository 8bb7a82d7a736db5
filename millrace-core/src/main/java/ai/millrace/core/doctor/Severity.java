package ai.millrace.core.doctor;

import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonValue;

/** How serious a doctor finding is. */
public enum Severity implements WireEnum {
    /** The workspace is broken or will misbehave; doctor is not ok. */
    ERROR("error"),
    /** Worth a look; doctor stays ok. */
    WARNING("warning");

    private final String wireName;

    Severity(String wireName) {
        this.wireName = wireName;
    }

    @Override
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
