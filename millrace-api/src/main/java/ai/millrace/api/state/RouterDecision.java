package ai.millrace.api.state;

import ai.millrace.api.Identifiers;
import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import java.util.Objects;

/**
 * What the router decided for one stage result. Logged in {@code router_decision} events.
 *
 * @param action the action
 * @param nextPlane the plane of the next stage; may be null
 * @param nextStage the next stage; may be null
 * @param reason why, such as {@code builder_blocked} or {@code checker:CHECKER_PASS}
 * @param nextNodeId the next node; may be null
 * @param nextStageKindId the next stage kind; may be null
 * @param failureClass the failure class carried forward; may be null
 * @param counterKey the recovery counter key; may be null
 * @param createIncident whether a handoff incident must be written
 */
public record RouterDecision(
        RouterAction action,
        Plane nextPlane,
        StageId nextStage,
        String reason,
        String nextNodeId,
        String nextStageKindId,
        String failureClass,
        String counterKey,
        boolean createIncident) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param action the action
     * @param nextPlane the plane of the next stage; may be null
     * @param nextStage the next stage; may be null
     * @param reason why, such as {@code builder_blocked} or {@code checker:CHECKER_PASS}
     * @param nextNodeId the next node; may be null
     * @param nextStageKindId the next stage kind; may be null
     * @param failureClass the failure class carried forward; may be null
     * @param counterKey the recovery counter key; may be null
     * @param createIncident whether a handoff incident must be written
     */
    public RouterDecision {
        Objects.requireNonNull(action, "action is required");
        Identifiers.requireText("reason", reason);
    }
}
