package ai.millrace.compiler;

import ai.millrace.api.MillraceException;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadata;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.plan.CompileInputFingerprint;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.plan.MaterializedGraphNodePlan;
import ai.millrace.api.plan.ResolvedAssetRef;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.api.state.CompileDiagnostics;
import ai.millrace.compiler.internal.assets.AssetCatalog;
import ai.millrace.compiler.internal.compile.CompilePipeline;
import ai.millrace.compiler.internal.compile.Fingerprints;
import ai.millrace.compiler.internal.compile.ResolvedAssets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles a mode, its graph loops and stage kinds into one frozen {@link CompiledRunPlan}.
 *
 * <p>Assets come from three layers, a later one winning for the same id: the packaged built-ins,
 * plugin providers ({@link PluginRegistry}), and JSON files under the assets root
 * ({@code modes/**}, {@code graphs/**}, {@code registry/stage_kinds/**}; normally
 * {@code <workspace>/millrace-agents}). Entrypoint and skill markdown is read from
 * {@code <workspace>/millrace-agents/}.
 *
 * <p>{@link #compile(String)} never throws for bad input: every failure becomes a diagnostics
 * error line starting with a {@link CompileErrorCode}. Instances are immutable and thread-safe;
 * each compile re-reads the workspace.
 */
public final class PlanCompiler {
    /** The mode used when neither the caller nor the configuration names one. */
    public static final String DEFAULT_MODE = "default_codex";
    private static final Map<String, String> MODE_ALIASES = Map.of("standard_plain", DEFAULT_MODE);

    private final Path assetsRoot;
    private final Path workspaceRoot;
    private final MillraceConfig config;
    private final PluginRegistry plugins;
    private final Clock clock;

    private PlanCompiler(Builder b) {
        this.workspaceRoot = Objects.requireNonNull(b.workspaceRoot, "workspaceRoot is required").toAbsolutePath();
        this.assetsRoot = b.assetsRootSet ? b.assetsRoot : workspaceRoot.resolve(ResolvedAssets.AGENTS_DIR);
        this.config = b.config;
        this.plugins = b.plugins;
        this.clock = b.clock;
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the workspace root.
     *
     * @return the absolute workspace root
     */
    public Path workspaceRoot() {
        return workspaceRoot;
    }

    /**
     * Returns the configuration compiles use.
     *
     * @return the configuration
     */
    public MillraceConfig config() {
        return config;
    }

    /**
     * Resolves the mode id to compile (spec 01 section 4.2): the requested id if not blank, else
     * the configured default mode, else {@value #DEFAULT_MODE}; then aliases
     * ({@code standard_plain} is {@code default_codex}).
     *
     * @param requestedModeId the requested mode, may be null
     * @return the canonical mode id
     */
    public String resolveModeId(String requestedModeId) {
        String id = requestedModeId == null ? "" : requestedModeId.strip();
        if (id.isEmpty()) {
            String configured = config.runtime().defaultMode();
            id = configured == null ? "" : configured.strip();
        }
        if (id.isEmpty()) {
            id = DEFAULT_MODE;
        }
        return MODE_ALIASES.getOrDefault(id, id);
    }

    /**
     * Compiles a mode. Never throws for bad input.
     *
     * @param requestedModeId the mode, or null for the configured default
     * @return the plan or the diagnostics explaining why there is none
     */
    public CompileResult compile(String requestedModeId) {
        String modeId = resolveModeId(requestedModeId);
        Instant now = now();
        CompilePipeline pipeline = new CompilePipeline(assetsRoot, workspaceRoot, config, plugins);
        try {
            CompiledRunPlan plan = pipeline.compile(modeId, now);
            CompileDiagnostics ok = new CompileDiagnostics(true, modeId, List.of(), List.of(), now);
            return new CompileResult(plan, ok, pipeline.registry(), null);
        } catch (CompileException e) {
            return failed(modeId, now, pipeline.registry(), e);
        } catch (MillraceException e) {
            return failed(modeId, now, pipeline.registry(), new CompileException(CompileErrorCode.INVALID_ASSET,
                    e.detail(), e));
        } catch (RuntimeException | StackOverflowError e) {
            return failed(modeId, now, pipeline.registry(), new CompileException(CompileErrorCode.INTERNAL_ERROR,
                    "unexpected failure while compiling mode " + modeId + ": " + e + where(e), e));
        }
    }

    /**
     * Tells whether a persisted plan is current for a mode (spec 01 section 4.8): the expected
     * fingerprint is computed from the current configuration and the current content of the
     * persisted plan's own resolved assets.
     *
     * @param persisted the persisted plan, or null when there is none
     * @param requestedModeId the mode, or null for the configured default
     * @return the report, never null
     */
    public CurrentnessReport currentness(CompiledRunPlan persisted, String requestedModeId) {
        String modeId = resolveModeId(requestedModeId);
        String cfg = Fingerprints.config(config);
        if (persisted == null) {
            return new CurrentnessReport(PlanCurrentness.MISSING,
                    new CompileInputFingerprint(modeId, cfg, Fingerprints.ASSETS_MISSING), null, null);
        }
        CompileInputFingerprint expected = new CompileInputFingerprint(modeId, cfg,
                Fingerprints.assets(persisted.resolvedAssets(), this::currentToken));
        PlanCurrentness state = expected.equals(persisted.compileInputFingerprint())
                ? PlanCurrentness.CURRENT : PlanCurrentness.STALE;
        return new CurrentnessReport(state, expected, persisted.compiledPlanId(), persisted.compileInputFingerprint());
    }

    /**
     * Builds the stage registry a plan needs: the built-in stages plus every custom stage kind its
     * nodes use, from the metadata frozen into the plan.
     *
     * @param plan the plan, never null
     * @return the registry
     */
    public static StageMetadataRegistry stageRegistryOf(CompiledRunPlan plan) {
        StageMetadataRegistry registry = StageMetadataRegistry.builtIn();
        for (FrozenGraphPlanePlan graph : plan.graphsByPlane().values()) {
            for (MaterializedGraphNodePlan node : graph.nodes()) {
                StageId stage = StageId.of(node.stageKindId());
                if (registry.find(stage).isEmpty()) {
                    registry = registry.withStage(new StageMetadata(stage, graph.plane(), node.runningStatusMarker(),
                            node.allowedResultClassesByOutcome()));
                }
            }
        }
        return registry;
    }

    /** The compile time: the clock's instant at microsecond precision, as the wire format keeps. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private String currentToken(ResolvedAssetRef ref) {
        if (ref.compileTimePath().startsWith(ResolvedAssets.AGENTS_DIR + "/")) {
            return ResolvedAssets.workspaceToken(workspaceRoot, ref.compileTimePath());
        }
        return AssetCatalog.currentToken(assetsRoot, plugins, ref.compileTimePath());
    }

    // Names the first Millrace frame, so a report of this defect points at the code to fix.
    private static String where(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("ai.millrace.")) {
                return " at " + frame;
            }
        }
        return "";
    }

    private static CompileResult failed(String modeId, Instant now, StageMetadataRegistry registry, CompileException e) {
        CompileDiagnostics diagnostics = new CompileDiagnostics(false, modeId, List.of(e.diagnosticLine()), List.of(), now);
        return new CompileResult(null, diagnostics, registry, e);
    }

    /** Builds a {@link PlanCompiler}. Not thread-safe. */
    public static final class Builder {
        private Path workspaceRoot;
        private Path assetsRoot;
        private boolean assetsRootSet;
        private MillraceConfig config = MillraceConfig.defaults();
        private PluginRegistry plugins = PluginRegistry.empty();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the workspace root, the folder that holds {@code millrace-agents/}. Required.
         *
         * @param workspaceRoot the workspace root
         * @return this builder
         */
        public Builder workspaceRoot(Path workspaceRoot) {
            this.workspaceRoot = workspaceRoot;
            return this;
        }

        /**
         * Sets the assets root whose JSON assets override the built-in and plugin ones. Defaults
         * to {@code <workspace>/millrace-agents}; null means built-ins and plugins only.
         *
         * @param assetsRoot the assets root, may be null
         * @return this builder
         */
        public Builder assetsRoot(Path assetsRoot) {
            this.assetsRoot = assetsRoot == null ? null : assetsRoot.toAbsolutePath();
            this.assetsRootSet = true;
            return this;
        }

        /**
         * Sets the effective configuration. Defaults to {@link MillraceConfig#defaults()}.
         *
         * @param config the configuration, never null
         * @return this builder
         */
        public Builder config(MillraceConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Sets the plugins whose stage kinds, graph loops and modes compiles can use. Defaults to
         * none. Built-in providers found among them (after {@link PluginRegistry#discover}) are ignored.
         *
         * @param plugins the plugins, never null
         * @return this builder
         */
        public Builder plugins(PluginRegistry plugins) {
            this.plugins = Objects.requireNonNull(plugins, "plugins");
            return this;
        }

        /**
         * Sets the clock for {@code compiled_at} and {@code emitted_at}. Defaults to the UTC system clock.
         *
         * @param clock the clock, never null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the compiler.
         *
         * @return the compiler
         * @throws NullPointerException when no workspace root was set
         */
        public PlanCompiler build() {
            return new PlanCompiler(this);
        }
    }
}
