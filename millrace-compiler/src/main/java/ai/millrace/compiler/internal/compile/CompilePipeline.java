package ai.millrace.compiler.internal.compile;

import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.asset.CompletionBehavior;
import ai.millrace.api.asset.GraphEdge;
import ai.millrace.api.asset.GraphEntry;
import ai.millrace.api.asset.GraphLoopDefinition;
import ai.millrace.api.asset.GraphLoopEntryKey;
import ai.millrace.api.asset.GraphNode;
import ai.millrace.api.asset.LearningTriggerRule;
import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.api.asset.ThresholdPolicy;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.config.RecoveryConfig;
import ai.millrace.api.plan.CompileInputFingerprint;
import ai.millrace.api.plan.CompiledCompletionEntry;
import ai.millrace.api.plan.CompiledEntry;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.CompiledTransition;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.api.plan.ResolvedAssetRef;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.compiler.CompileErrorCode;
import ai.millrace.compiler.CompileException;
import ai.millrace.compiler.internal.assets.AssetCatalog;
import ai.millrace.compiler.internal.assets.AssetFamily;
import ai.millrace.compiler.internal.assets.LoadedAsset;
import ai.millrace.compiler.internal.validate.GraphLoopValidator;
import ai.millrace.compiler.internal.validate.ModeValidator;
import ai.millrace.compiler.internal.validate.StageKindValidator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One compile, in the order of spec 01 section 4.3: stage kinds, mode, loops, mode-map scope,
 * materialization, learning rules, resolved assets, fingerprints, plan. Not thread-safe; use one
 * instance per compile.
 */
public final class CompilePipeline {
    private final Path assetsRoot;
    private final Path workspaceRoot;
    private final MillraceConfig config;
    private final PluginRegistry plugins;
    private StageMetadataRegistry registry = StageMetadataRegistry.builtIn();

    /**
     * Prepares a compile.
     *
     * @param assetsRoot the assets root, may be null (built-ins and plugins only)
     * @param workspaceRoot the workspace root (markdown assets are read under {@code millrace-agents/})
     * @param config the effective configuration
     * @param plugins the plugins
     */
    public CompilePipeline(Path assetsRoot, Path workspaceRoot, MillraceConfig config, PluginRegistry plugins) {
        this.assetsRoot = assetsRoot;
        this.workspaceRoot = workspaceRoot;
        this.config = config;
        this.plugins = plugins;
    }

    /**
     * Returns the stage registry: built-ins plus every stage kind validated so far.
     *
     * @return the registry
     */
    public StageMetadataRegistry registry() {
        return registry;
    }

    /**
     * Compiles.
     *
     * @param modeId the resolved mode id
     * @param now the compile time
     * @return the plan
     * @throws CompileException for any compile error
     */
    public CompiledRunPlan compile(String modeId, Instant now) {
        AssetCatalog catalog = AssetCatalog.load(assetsRoot, plugins);

        Map<String, LoadedAsset<StageKindDefinition>> kinds = new LinkedHashMap<>();
        Map<String, StageKindDefinition> kindDefinitions = new LinkedHashMap<>();
        StageMetadataRegistry stages = StageMetadataRegistry.builtIn();
        for (LoadedAsset<StageKindDefinition> kind : catalog.stageKinds()) {
            stages = stages.withStage(StageKindValidator.validate(kind));
            kinds.put(kind.definition().stageKindId(), kind);
            kindDefinitions.put(kind.definition().stageKindId(), kind.definition());
        }
        registry = stages;

        LoadedAsset<ModeDefinition> modeAsset = catalog.mode(modeId).orElseThrow(() -> new CompileException(
                CompileErrorCode.UNKNOWN_MODE, "Unknown mode id: " + modeId + " (known modes: "
                        + String.join(", ", new TreeSet<>(catalog.ids(AssetFamily.MODE))) + ")"));
        ModeValidator.validate(modeAsset, stages);
        ModeDefinition mode = modeAsset.definition();

        Map<Plane, LoadedAsset<GraphLoopDefinition>> loops = new LinkedHashMap<>();
        for (Map.Entry<Plane, String> binding : mode.loopIdsByPlane().entrySet()) {
            LoadedAsset<GraphLoopDefinition> loop = catalog.graphLoop(binding.getValue()).orElseThrow(() ->
                    new CompileException(CompileErrorCode.UNKNOWN_GRAPH_LOOP, "Unknown graph loop id: "
                            + binding.getValue() + " (mode " + modeId + ", plane " + binding.getKey() + "; known loops: "
                            + String.join(", ", new TreeSet<>(catalog.ids(AssetFamily.GRAPH_LOOP))) + ")"));
            if (loop.definition().plane() != binding.getKey()) {
                throw new CompileException(CompileErrorCode.PLANE_MISMATCH, "Mode " + modeId + " binds plane "
                        + binding.getKey() + " to graph loop " + binding.getValue() + ", which is a "
                        + loop.definition().plane() + " loop (" + loop.origin() + ")");
            }
            GraphLoopValidator.validate(loop, kindDefinitions);
            loops.put(binding.getKey(), loop);
        }

        Set<StageId> selected = new LinkedHashSet<>();
        loops.values().forEach(l -> l.definition().nodes().forEach(n -> selected.add(StageId.of(n.stageKindId()))));
        checkModeMapScope(mode, selected);

        Map<Plane, FrozenGraphPlanePlan> graphs = new LinkedHashMap<>();
        loops.forEach((plane, loop) -> graphs.put(plane, freeze(loop.definition(), kindDefinitions, mode)));

        for (LearningTriggerRule rule : mode.learningTriggerRules()) {
            if (!selected.contains(rule.sourceStage())) {
                throw new CompileException(CompileErrorCode.STAGE_OUTSIDE_SELECTED_LOOPS,
                        "Learning trigger rule references source stage outside selected loops: " + rule.ruleId() + ":"
                                + rule.sourceStage() + " (mode " + modeId + ")");
            }
            if (!selected.contains(rule.targetStage())) {
                throw new CompileException(CompileErrorCode.STAGE_OUTSIDE_SELECTED_LOOPS,
                        "Learning trigger rule references target learning stage outside selected loops: "
                                + rule.ruleId() + ":" + rule.targetStage() + " (mode " + modeId + ")");
            }
        }

        List<ResolvedAssetRef> resolved = ResolvedAssets.build(workspaceRoot, modeAsset, loops, kinds, graphs);
        CompileInputFingerprint fingerprint = new CompileInputFingerprint(modeId, Fingerprints.config(config),
                Fingerprints.assets(resolved, ResolvedAssetRef::contentSha256));
        Map<Plane, String> loopIds = new LinkedHashMap<>(mode.loopIdsByPlane());
        String planId = Fingerprints.planId(modeId, loopIds, graphs, mode.concurrencyPolicy(), mode.learningTriggerRules());

        try {
            return new CompiledRunPlan(planId, fingerprint, modeId, loopIds, loopIds.get(Plane.EXECUTION),
                    loopIds.get(Plane.PLANNING), loopIds.get(Plane.LEARNING), graphs, graphs.get(Plane.EXECUTION),
                    graphs.get(Plane.PLANNING), graphs.get(Plane.LEARNING), mode.concurrencyPolicy(),
                    mode.learningTriggerRules(), now, resolved, sourceRefs(modeId, graphs));
        } catch (MillraceException e) {
            throw new CompileException(CompileErrorCode.INVALID_PLAN, "Compiled plan for mode " + modeId
                    + " breaks a plan invariant: " + e.detail(), e);
        }
    }

    private static void checkModeMapScope(ModeDefinition mode, Set<StageId> selected) {
        Map<String, Set<StageId>> maps = new LinkedHashMap<>();
        maps.put("stage_entrypoint_overrides", mode.stageEntrypointOverrides().keySet());
        maps.put("stage_skill_additions", mode.stageSkillAdditions().keySet());
        maps.put("stage_model_bindings", mode.stageModelBindings().keySet());
        maps.put("stage_runner_bindings", mode.stageRunnerBindings().keySet());
        maps.forEach((name, keys) -> {
            for (StageId stage : new TreeSet<>(keys)) {
                if (!selected.contains(stage)) {
                    throw new CompileException(CompileErrorCode.STAGE_OUTSIDE_SELECTED_LOOPS, "Mode map `" + name
                            + "` references stage outside selected loops: " + stage + " (mode " + mode.modeId() + ")");
                }
            }
        });
    }

    private FrozenGraphPlanePlan freeze(GraphLoopDefinition g, Map<String, StageKindDefinition> kinds, ModeDefinition mode) {
        Map<String, MaterializedGraphNodePlan> nodes = new LinkedHashMap<>();
        for (GraphNode node : g.nodes()) {
            nodes.put(node.nodeId(), NodeMaterializer.materialize(node, kinds.get(node.stageKindId()), mode, config));
        }
        List<CompiledEntry> entries = new ArrayList<>();
        for (GraphEntry e : g.entryNodes()) {
            entries.add(new CompiledEntry(e.entryKey(), e.nodeId(), nodes.get(e.nodeId()).stageKindId(), g.plane()));
        }
        List<CompiledTransition> transitions = new ArrayList<>();
        for (GraphEdge e : g.edges()) {
            for (TerminalResult outcome : e.onOutcomes()) {
                transitions.add(new CompiledTransition(e.edgeId(), e.fromNodeId(), outcome, e.toNodeId(),
                        e.terminalStateId(), e.kind(), e.priority(), e.maxAttempts()));
            }
        }
        List<ThresholdPolicy> thresholds = new ArrayList<>();
        if (g.dynamicPolicies() != null) {
            for (ThresholdPolicy p : g.dynamicPolicies().thresholdPolicies()) {
                thresholds.add(new ThresholdPolicy(p.policyId(), p.sourceNodeIds(), p.onOutcome(), p.counterName(),
                        configuredThreshold(p), p.exhaustedTargetNodeId(), p.exhaustedTerminalStateId()));
            }
        }
        CompletionBehavior c = g.completionBehavior();
        CompiledCompletionEntry completion = c == null ? null : new CompiledCompletionEntry(
                GraphLoopEntryKey.CLOSURE_TARGET, c.targetNodeId(), nodes.get(c.targetNodeId()).stageKindId(), g.plane(),
                c.trigger(), c.readinessRule(), c.requestKind(), c.targetSelector(), c.rubricPolicy(),
                c.blockedWorkPolicy(), c.skipIfAlreadyClosed(), c.onPassTerminalStateId(), c.onGapTerminalStateId(),
                c.createIncidentOnGap());
        return new FrozenGraphPlanePlan(g.loopId(), g.plane(), new ArrayList<>(nodes.values()), g.entryNodes(),
                g.edges(), entries, completion, transitions,
                g.dynamicPolicies() == null ? List.of() : g.dynamicPolicies().resumePolicies(), thresholds,
                g.terminalStates(), c);
    }

    private int configuredThreshold(ThresholdPolicy p) {
        RecoveryConfig recovery = config.recovery();
        switch (p.counterName()) {
            case FIX_CYCLE_COUNT:
                return recovery.maxFixCycles();
            case TROUBLESHOOT_ATTEMPT_COUNT:
                return recovery.maxTroubleshootAttemptsBeforeConsult();
            case MECHANIC_ATTEMPT_COUNT:
                return recovery.maxMechanicAttempts();
            default:
                return p.threshold();
        }
    }

    private static List<String> sourceRefs(String modeId, Map<Plane, FrozenGraphPlanePlan> graphs) {
        List<String> refs = new ArrayList<>();
        refs.add("mode:" + modeId);
        List<FrozenGraphPlanePlan> sorted = new ArrayList<>(graphs.values());
        sorted.sort(Comparator.comparing(g -> g.plane().wireName()));
        sorted.forEach(g -> refs.add("graph_loop:" + g.loopId()));
        sorted.stream().filter(g -> g.completionBehavior() != null)
                .forEach(g -> refs.add("graph_completion_behavior:" + g.loopId()));
        return refs;
    }
}
