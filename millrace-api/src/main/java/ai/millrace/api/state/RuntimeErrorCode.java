package ai.millrace.api.state;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a post-stage runtime step failed after a stage had already returned.
 */
public enum RuntimeErrorCode implements WireEnum {
    /** A planning item could not be completed because the queue state disagreed. */
    PLANNING_WORK_ITEM_COMPLETION_CONFLICT("planning_work_item_completion_conflict"),
    /** An execution item could not be completed because the queue state disagreed. */
    EXECUTION_WORK_ITEM_COMPLETION_CONFLICT("execution_work_item_completion_conflict"),
    /** Applying a planning stage result failed. */
    PLANNING_POST_STAGE_APPLY_FAILED("planning_post_stage_apply_failed"),
    /** Applying an execution stage result failed. */
    EXECUTION_POST_STAGE_APPLY_FAILED("execution_post_stage_apply_failed"),
    /** Applying a learning stage result failed (Millrace for Java only, the original let this escape). */
    LEARNING_POST_STAGE_APPLY_FAILED("learning_post_stage_apply_failed");

    private final String wireName;

    RuntimeErrorCode(String wireName) {
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
    public static RuntimeErrorCode of(String value) {
        return WireEnum.parse(RuntimeErrorCode.class, value);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
