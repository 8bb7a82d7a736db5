package ai.millrace.compiler.internal.validate;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadata;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.asset.LearningTriggerRule;
import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.compiler.CompileErrorCode;
import ai.millrace.compiler.CompileException;
import ai.millrace.compiler.internal.assets.AssetPaths;
import ai.millrace.compiler.internal.assets.LoadedAsset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a mode (spec 01 section 3.6 and 4.10) against the stages known to this compile,
 * including custom ones. Unlike the original, {@code stage_skill_additions} paths are checked like
 * every other skill path. Stateless.
 */
public final class ModeValidator {
    private ModeValidator() {
    }

    /**
     * Validates a mode.
     *
     * @param asset the mode and its origin
     * @param stages every known stage
     * @throws CompileException with the code of the first problem found
     */
    public static void validate(LoadedAsset<ModeDefinition> asset, StageMetadataRegistry stages) {
        ModeDefinition m = asset.definition();
        String mode = "Mode " + m.modeId();
        for (Plane required : List.of(Plane.EXECUTION, Plane.PLANNING)) {
            if (!m.loopIdsByPlane().containsKey(required)) {
                throw invalid(asset.origin(), "loop_ids_by_plane must bind the " + required + " plane");
            }
        }
        m.loopIdsByPlane().forEach((plane, loopId) -> {
            if (loopId == null || !loopId.startsWith(plane.wireName() + ".")) {
                throw new CompileException(CompileErrorCode.PLANE_MISMATCH, mode + " binds plane " + plane
                        + " to loop " + loopId + "; a " + plane + " loop id must start with '" + plane + ".' ("
                        + asset.origin() + ")");
            }
        });
        for (Map.Entry<String, Set<StageId>> keys : Map.of(
                "stage_entrypoint_overrides", m.stageEntrypointOverrides().keySet(),
                "stage_skill_additions", m.stageSkillAdditions().keySet(),
                "stage_model_bindings", m.stageModelBindings().keySet(),
                "stage_runner_bindings", m.stageRunnerBindings().keySet()).entrySet()) {
            for (StageId stage : keys.getValue()) {
                if (stages.find(stage).isEmpty()) {
                    throw invalid(asset.origin(), keys.getKey() + " names unknown stage " + stage);
                }
            }
        }
        m.stageSkillAdditions().forEach((stage, paths) -> {
            for (String p : paths) {
                Optional<String> problem = AssetPaths.problem(p, AssetPaths.SKILLS);
                if (problem.isPresent()) {
                    throw new CompileException(CompileErrorCode.INVALID_ASSET_PATH, mode + " stage_skill_additions for stage "
                            + stage + ": '" + p + "' is not allowed: " + problem.get() + " (" + asset.origin() + ")");
                }
            }
        });
        if (!m.learningTriggerRules().isEmpty() && !m.loopIdsByPlane().containsKey(Plane.LEARNING)) {
            throw invalid(asset.origin(), "learning_trigger_rules need a learning loop in loop_ids_by_plane");
        }
        for (LearningTriggerRule rule : m.learningTriggerRules()) {
            rule(mode, asset.origin(), rule, stages);
        }
    }

    private static void rule(String mode, String origin, LearningTriggerRule rule, StageMetadataRegistry stages) {
        String what = mode + " learning trigger rule " + rule.ruleId();
        if (rule.sourcePlane() == Plane.LEARNING) {
            throw new CompileException(CompileErrorCode.PLANE_MISMATCH,
                    what + ": learning triggers must originate outside the learning plane (" + origin + ")");
        }
        StageMetadata source = stages.find(rule.sourceStage()).orElse(null);
        if (source == null || source.plane() != rule.sourcePlane()) {
            throw new CompileException(CompileErrorCode.PLANE_MISMATCH, what + ": source_stage " + rule.sourceStage()
                    + " is not a stage of plane " + rule.sourcePlane() + " (" + origin + ")");
        }
        if (rule.onTerminalResults().isEmpty()) {
            throw invalid(origin, "learning trigger rule " + rule.ruleId() + " needs at least one on_terminal_results value");
        }
        for (TerminalResult r : rule.onTerminalResults()) {
            if (!source.isLegal(r)) {
                throw new CompileException(CompileErrorCode.ILLEGAL_OUTCOME, what
                        + ": on_terminal_results contains values illegal for source_stage " + rule.sourceStage() + ": " + r
                        + " (legal: " + source.legalTerminalResults() + ")");
            }
        }
        StageMetadata target = stages.find(rule.targetStage()).orElse(null);
        if (target == null || target.plane() != Plane.LEARNING) {
            throw new CompileException(CompileErrorCode.PLANE_MISMATCH, what + ": target_stage " + rule.targetStage()
                    + " must be a learning stage (" + origin + ")");
        }
    }

    private static CompileException invalid(String origin, String what) {
        return new CompileException(CompileErrorCode.INVALID_ASSET,
                "Invalid mode definition in asset: " + origin + " (" + what + ")");
    }
}
