package ai.millrace.api.asset;

import ai.millrace.api.Identifiers;
import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.internal.Copies;
import ai.millrace.api.work.LearningRequestAction;
import java.util.List;
import java.util.Objects;

/**
 * A compiler-frozen rule that enqueues a learning request when a stage reports certain results.
 *
 * @param ruleId the rule id
 * @param sourcePlane the plane of the source stage (not learning)
 * @param sourceStage the source stage
 * @param onTerminalResults the results that fire it
 * @param targetStage the learning stage to start at
 * @param requestedAction the requested action; defaults to {@code improve}
 */
public record LearningTriggerRule(
        String ruleId,
        Plane sourcePlane,
        StageId sourceStage,
        List<TerminalResult> onTerminalResults,
        StageId targetStage,
        LearningRequestAction requestedAction) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param ruleId the rule id
     * @param sourcePlane the plane of the source stage (not learning)
     * @param sourceStage the source stage
     * @param onTerminalResults the results that fire it
     * @param targetStage the learning stage to start at
     * @param requestedAction the requested action; defaults to {@code improve}
     */
    public LearningTriggerRule {
        Identifiers.requireSafeId("rule_id", ruleId);
        Objects.requireNonNull(sourcePlane, "source_plane is required");
        Objects.requireNonNull(sourceStage, "source_stage is required");
        onTerminalResults = Copies.list(onTerminalResults);
        Objects.requireNonNull(targetStage, "target_stage is required");
        requestedAction = requestedAction == null ? LearningRequestAction.IMPROVE : requestedAction;
    }
}
