package ai.millrace.core.governance;

import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an evaluation does to the {@code usage_governance} pause source.
 */
public enum PauseChange implements WireEnum {
    /** Blockers appeared: add the source. */
    SET("set"),
    /** Blockers remain and the source is held: keep it. Also when blockers cleared but auto-resume is off. */
    KEEP("keep"),
    /** The source was held and may go: every window freed up (with auto-resume) or governance is disabled. */
    CLEAR("clear"),
    /** Not held and no blockers: nothing to do. */
    NONE("none");

    private final String wireName;

    PauseChange(String wireName) {
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
