package ai.millrace.cli;

import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadata;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.CompiledPlanStore;
import ai.millrace.compiler.PlanCompiler;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.config.ConfigLoader;
import ai.millrace.core.internal.control.LockInspection;
import ai.millrace.core.internal.control.OwnershipLock;
import ai.millrace.core.internal.state.StateStore;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Read access to one initialized workspace, shared by the commands. Loads lazily. */
final class Workspace {
    private static PluginRegistry plugins;

    final WorkspacePaths paths;
    private final Clock clock;

    Workspace(WorkspacePaths paths, Clock clock) {
        this.paths = paths;
        this.clock = clock;
    }

    Path root() {
        return paths.workspaceRoot();
    }

    /** Plugins found on the class path (built-in assets, the two harnesses). Discovered once per process. */
    static synchronized PluginRegistry plugins() {
        if (plugins == null) {
            plugins = PluginRegistry.discover(MillraceCli.class.getClassLoader());
        }
        return plugins;
    }

    StateStore state() {
        return new StateStore(paths, AtomicFiles.DURABLE);
    }

    RuntimeSnapshot snapshot() {
        return state().loadSnapshot().orElseThrow(() -> new CliFailure("runtime snapshot is missing: "
                + paths.snapshotFile(), "`millrace init --workspace " + root() + "` recreates it"));
    }

    LockInspection lock() {
        return new OwnershipLock(paths, AtomicFiles.DURABLE, clock, Duration.ofMinutes(2)).inspect();
    }

    MillraceConfig config(Path override) {
        return new ConfigLoader(stageNames(plugins())).load(paths, override);
    }

    /**
     * Loads the configuration without discovering plugins first (the fast path of read-only
     * commands); a configuration naming a plugin stage kind is retried with plugins.
     */
    MillraceConfig configFast(Path override) {
        if (plugins != null) {
            return config(override);
        }
        try {
            return new ConfigLoader().load(paths, override);
        } catch (RuntimeException e) {
            return config(override);
        }
    }

    /**
     * A compiler for currentness checks of a persisted plan: plugins are discovered only when the
     * plan holds plugin assets; workspace and built-in assets are hashed from their files.
     */
    PlanCompiler currentnessCompiler(MillraceConfig config, CompiledRunPlan persisted) {
        boolean needsPlugins = persisted != null && persisted.resolvedAssets().stream()
                .anyMatch(r -> r.compileTimePath().startsWith("plugin:"));
        return PlanCompiler.builder().workspaceRoot(root()).assetsRoot(paths.runtimeRoot()).config(config)
                .plugins(needsPlugins ? plugins() : PluginRegistry.empty()).clock(clock).build();
    }

    PlanCompiler compiler(MillraceConfig config) {
        return PlanCompiler.builder().workspaceRoot(root()).assetsRoot(paths.runtimeRoot()).config(config)
                .plugins(plugins()).clock(clock).build();
    }

    CompiledPlanStore planStore() {
        return new CompiledPlanStore(root());
    }

    // Plugin stage kinds are legal [stages.<id>] keys in millrace.toml (as the runtime builder does).
    static StageMetadataRegistry stageNames(PluginRegistry registry) {
        StageMetadataRegistry names = StageMetadataRegistry.builtIn();
        for (StageKindDefinition kind : registry.stageKinds().values()) {
            try {
                names = names.withStage(new StageMetadata(StageId.of(kind.stageKindId()), kind.plane(),
                        kind.runningStatusMarker(), kind.allowedResultClassesByOutcome()));
            } catch (RuntimeException e) {
                // The compiler reports an invalid plugin stage kind with its name.
            }
        }
        return names;
    }
}
