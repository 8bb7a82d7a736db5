package ai.millrace.compiler.internal.compile;

import ai.millrace.api.StageId;
import ai.millrace.api.asset.GraphNode;
import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.config.ReasoningEffort;
import ai.millrace.api.config.StageConfig;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.compiler.CompileErrorCode;
import ai.millrace.compiler.CompileException;
import ai.millrace.compiler.internal.assets.AssetPaths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns one graph node into its frozen plan (spec 01 section 4.5), with one deliberate change:
 * an explicit {@code [stages.<kind>]} runner or model in the configuration beats the mode's
 * binding, so operators can rebind a stage without writing a mode. Stateless.
 */
final class NodeMaterializer {
    private NodeMaterializer() {
    }

    static MaterializedGraphNodePlan materialize(GraphNode node, StageKindDefinition kind, ModeDefinition mode,
            MillraceConfig config) {
        StageId stage = StageId.of(kind.stageKindId());
        StageConfig stageConfig = config.stages().get(stage);

        String entrypoint = kind.defaultEntrypointPath();
        if (node.entrypointPath() != null) {
            entrypoint = node.entrypointPath();
        }
        String override = mode.stageEntrypointOverrides().get(stage);
        if (override != null) {
            entrypoint = AssetPaths.normalizeOverride(override, AssetPaths.ENTRYPOINTS).orElseThrow(() ->
                    new CompileException(CompileErrorCode.INVALID_ASSET_PATH, "Invalid entrypoint override for stage `"
                            + node.nodeId() + "`: " + override + " (mode " + mode.modeId()
                            + "; use a relative path under entrypoints/ ending in .md, without '..')"));
        }

        LinkedHashSet<String> skills = new LinkedHashSet<>(node.attachedSkillAdditions());
        skills.addAll(mode.stageSkillAdditions().getOrDefault(stage, List.of()));

        String runner = first(stageConfig == null ? null : stageConfig.runner(),
                mode.stageRunnerBindings().get(stage), node.runnerName());
        String model = first(stageConfig == null ? null : stageConfig.model(),
                mode.stageModelBindings().get(stage), node.modelName());

        ReasoningEffort effort = config.runners().codex().modelReasoningEffort();
        if (stageConfig != null && stageConfig.modelReasoningEffort() != null) {
            effort = stageConfig.modelReasoningEffort();
        }

        int timeout = node.timeoutSeconds() != null ? node.timeoutSeconds() : StageConfig.DEFAULT_TIMEOUT_SECONDS;
        // Only a timeout that differs from the default counts as set: merely declaring [stages.x]
        // must not reset a node-level timeout (a quirk of the original).
        if (stageConfig != null && stageConfig.timeoutSeconds() != StageConfig.DEFAULT_TIMEOUT_SECONDS) {
            timeout = stageConfig.timeoutSeconds();
        }

        return new MaterializedGraphNodePlan(node.nodeId(), kind.stageKindId(), kind.plane(), entrypoint,
                node.nodeId() + ".contract.v1", kind.runningStatusMarker(), kind.allowedResultClassesByOutcome(),
                kind.declaredOutputArtifacts(), kind.requiredSkillPaths(), new ArrayList<>(skills), runner, model,
                effort == null ? null : effort.wireName(), timeout);
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
