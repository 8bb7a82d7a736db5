package ai.millrace.compiler.internal.compile;

import ai.millrace.api.Plane;
import ai.millrace.api.asset.GraphLoopDefinition;
import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.api.plan.ResolvedAssetRef;
import ai.millrace.compiler.CompileErrorCode;
import ai.millrace.compiler.CompileException;
import ai.millrace.compiler.internal.assets.Hashing;
import ai.millrace.compiler.internal.assets.LoadedAsset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code resolved_assets} list in the order of spec 01 section 4.7, hashing what each
 * ref names. Entrypoints and required skills must exist in the workspace; attached skills may be
 * missing (recorded as {@code missing}). Stateless.
 */
public final class ResolvedAssets {
    /** The workspace-relative folder that holds markdown assets. */
    public static final String AGENTS_DIR = "millrace-agents";
    /** The token of a file that does not exist. */
    public static final String MISSING = "missing";

    private ResolvedAssets() {
    }

    static List<ResolvedAssetRef> build(Path workspaceRoot, LoadedAsset<ModeDefinition> mode,
            Map<Plane, LoadedAsset<GraphLoopDefinition>> loops, Map<String, LoadedAsset<StageKindDefinition>> kinds,
            Map<Plane, FrozenGraphPlanePlan> graphs) {
        List<ResolvedAssetRef> refs = new ArrayList<>();
        refs.add(new ResolvedAssetRef("mode", "mode:" + mode.definition().modeId(), mode.compileTimePath(),
                mode.contentSha256()));
        loops.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().wireName())).forEach(e ->
                refs.add(new ResolvedAssetRef("graph_loop", "graph_loop:" + e.getValue().definition().loopId(),
                        e.getValue().compileTimePath(), e.getValue().contentSha256())));
        Map<String, ResolvedAssetRef> stageKinds = new LinkedHashMap<>();
        Map<String, ResolvedAssetRef> entrypoints = new LinkedHashMap<>();
        Map<String, ResolvedAssetRef> required = new LinkedHashMap<>();
        Map<String, ResolvedAssetRef> attached = new LinkedHashMap<>();
        for (FrozenGraphPlanePlan graph : graphs.values()) {
            for (MaterializedGraphNodePlan node : graph.nodes()) {
                LoadedAsset<StageKindDefinition> kind = kinds.get(node.stageKindId());
                stageKinds.computeIfAbsent(node.stageKindId(), id -> new ResolvedAssetRef("stage_kind",
                        "stage_kind:" + id, kind.compileTimePath(), kind.contentSha256()));
                String where = "node " + node.nodeId() + " of loop " + graph.loopId();
                entrypoints.computeIfAbsent(node.entrypointPath(), p ->
                        markdown(workspaceRoot, "entrypoint", p, true, "entrypoint of " + where));
                for (String skill : node.requiredSkillPaths()) {
                    required.computeIfAbsent(skill, p ->
                            markdown(workspaceRoot, "skill", p, true, "required skill of " + where));
                }
                for (String skill : node.attachedSkillAdditions()) {
                    attached.computeIfAbsent(skill, p ->
                            markdown(workspaceRoot, "skill", p, false, "attached skill of " + where));
                }
            }
        }
        refs.addAll(stageKinds.values());
        refs.addAll(entrypoints.values());
        refs.addAll(required.values());
        refs.addAll(attached.values());
        return refs;
    }

    /**
     * Hashes a workspace file named by a recorded {@code millrace-agents/...} path.
     *
     * @param workspaceRoot the workspace root
     * @param compileTimePath the recorded path
     * @return the SHA-256 hex, or {@link #MISSING}
     */
    public static String workspaceToken(Path workspaceRoot, String compileTimePath) {
        Path file = workspaceRoot.resolve(compileTimePath);
        if (!Files.isRegularFile(file)) {
            return MISSING;
        }
        try {
            return Hashing.sha256Hex(Files.readAllBytes(file));
        } catch (IOException e) {
            return MISSING;
        }
    }

    private static ResolvedAssetRef markdown(Path workspaceRoot, String family, String path, boolean required,
            String role) {
        String recorded = AGENTS_DIR + "/" + path;
        Path file = workspaceRoot.resolve(AGENTS_DIR).resolve(path).toAbsolutePath().normalize();
        String token;
        try {
            token = Hashing.sha256Hex(Files.readAllBytes(file));
        } catch (IOException e) {
            if (required) {
                throw new CompileException(CompileErrorCode.MISSING_COMPILE_ASSET, "Cannot read compile asset: " + file
                        + " (" + role + "); restore the file, or run init to redeploy the packaged assets");
            }
            token = MISSING;
        }
        return new ResolvedAssetRef(family, family + ":" + path, recorded, token);
    }
}
