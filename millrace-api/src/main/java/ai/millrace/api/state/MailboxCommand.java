package ai.millrace.api.state;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A control command delivered through the workspace mailbox.
 */
public enum MailboxCommand implements WireEnum {
    /** Stop the runtime after the current stage. */
    STOP("stop"),
    /** Pause dispatching new stages (operator source). */
    PAUSE("pause"),
    /** Clear the operator pause. */
    RESUME("resume"),
    /** Recompile from the current configuration. */
    RELOAD_CONFIG("reload_config"),
    /** Enqueue a task document. */
    ADD_TASK("add_task"),
    /** Enqueue a spec document. */
    ADD_SPEC("add_spec"),
    /** Drop an idea into the inbox. */
    ADD_IDEA("add_idea"),
    /** Requeue the active work of all planes or one plane. */
    RETRY_ACTIVE("retry_active"),
    /** Clear active state that no longer matches the queues. */
    CLEAR_STALE_STATE("clear_stale_state");

    private final String wireName;

    MailboxCommand(String wireName) {
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
    public static MailboxCommand of(String value) {
        return WireEnum.parse(MailboxCommand.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
