package ai.millrace.core;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.StageMetadata;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.StageId;
import ai.millrace.api.asset.StageKindDefinition;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.api.spi.RuntimeListener;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.config.ConfigLoader;
import ai.millrace.core.internal.engine.Engine;
import ai.millrace.core.internal.engine.EngineSettings;
import ai.millrace.core.internal.state.RuntimeEventLog;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Entry point for embedding Millrace.
 *
 * <pre>{@code
 * try (MillraceRuntime runtime = Millrace.builder()
 *         .workspace(Path.of("/srv/project"))
 *         .build()) {
 *     runtime.runUntilIdle();
 * }
 * }</pre>
 */
public final class Millrace {
    /** The default of {@link Builder#statePublishInterval(Duration)}: 100 ms. */
    public static final Duration DEFAULT_STATE_PUBLISH_INTERVAL = Duration.ofMillis(100);

    private Millrace() {
    }

    /**
     * Returns a new builder.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link MillraceRuntime}. Not thread-safe. Defaults: configuration read from the
     * workspace's {@code millrace.toml}; plugins discovered with {@link java.util.ServiceLoader} from
     * the context class loader; the system UTC clock; random ids; durable writes.
     */
    public static final class Builder {
        private Path workspace;
        private MillraceConfig config;
        private Path configFile;
        private String mode;
        private PluginRegistry plugins;
        private boolean discoverPlugins = true;
        private StageRunner allStages;
        private final Map<String, StageRunner> runners = new LinkedHashMap<>();
        private final List<RuntimeListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids = IdGenerator.random();
        private boolean durable = true;
        private Duration statePublishInterval = DEFAULT_STATE_PUBLISH_INTERVAL;

        private Builder() {
        }

        /**
         * Sets the workspace root (the folder holding {@code millrace-agents/}). Required; the
         * workspace must have been initialized.
         *
         * @param workspace the workspace root
         * @return this builder
         */
        public Builder workspace(Path workspace) {
            this.workspace = workspace;
            return this;
        }

        /**
         * Uses this configuration instead of reading {@code millrace.toml}.
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder config(MillraceConfig config) {
            this.config = config;
            return this;
        }

        /**
         * Reads the configuration from this file instead of the workspace's {@code millrace.toml};
         * the file must exist.
         *
         * @param configFile the file
         * @return this builder
         */
        public Builder configFile(Path configFile) {
            this.configFile = configFile;
            return this;
        }

        /**
         * Compiles this mode instead of {@code runtime.default_mode}.
         *
         * @param mode the mode id
         * @return this builder
         */
        public Builder mode(String mode) {
            this.mode = mode;
            return this;
        }

        /**
         * Supplies a runner under its id; it wins over any discovered provider of that id.
         *
         * @param runner the runner
         * @return this builder
         */
        public Builder runner(StageRunner runner) {
            runners.put(runner.id(), Objects.requireNonNull(runner, "runner"));
            return this;
        }

        /**
         * Runs every stage with this runner, whatever the plan binds (for tests and demos).
         *
         * @param runner the runner
         * @return this builder
         */
        public Builder runAllStagesWith(StageRunner runner) {
            this.allStages = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /**
         * Uses these plugins instead of discovering them.
         *
         * @param plugins the plugins
         * @return this builder
         */
        public Builder plugins(PluginRegistry plugins) {
            this.plugins = plugins;
            return this;
        }

        /**
         * Turns {@link java.util.ServiceLoader} discovery on (the default) or off.
         *
         * @param discover whether to discover plugins
         * @return this builder
         */
        public Builder discoverPlugins(boolean discover) {
            this.discoverPlugins = discover;
            return this;
        }

        /**
         * Adds a listener for runtime events.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(RuntimeListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets the clock (tests pass a controllable one).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the id generator (tests pass {@link IdGenerator#sequential()}).
         *
         * @param ids the generator
         * @return this builder
         */
        public Builder ids(IdGenerator ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /**
         * Turns fsync on state writes off. Writes stay atomic but a power cut can lose the last
         * ones: for benchmarks and throw-away workspaces only.
         *
         * @param durable false to skip fsync
         * @return this builder
         */
        public Builder durableWrites(boolean durable) {
            this.durable = durable;
            return this;
        }

        /**
         * Sets how often, at most, the state files are written while stages run back to back:
         * the runtime snapshot, the status markers, the recovery counters, the dispatch records
         * and the stage result files. They are views of the runtime's state; every change is
         * durable in the transition journal before it is published, and they are written on the
         * runtime's timer thread. Whatever the interval, they are written when
         * a tick finds nothing to run (or is paused or stopped), when a stage has been running for
         * 50 ms, and when the runtime closes, so operators and harnesses never see them more than
         * this interval old. {@link Duration#ZERO} writes them at the end of every tick, which
         * tests that read the files between ticks want (the testkit does this).
         *
         * @param interval zero or more; default 100 ms
         * @return this builder
         */
        public Builder statePublishInterval(Duration interval) {
            if (interval == null || interval.isNegative()) {
                throw new IllegalArgumentException("statePublishInterval must be zero or positive: " + interval);
            }
            this.statePublishInterval = interval;
            return this;
        }

        /**
         * Builds the runtime. Reads the configuration and discovers plugins now; touches the
         * workspace only at {@link MillraceRuntime#startup()}.
         *
         * @return the runtime
         * @throws MillraceException when the workspace is missing, the configuration is invalid or
         *     plugin discovery fails
         */
        public MillraceRuntime build() {
            if (workspace == null) {
                throw new MillraceException(ErrorCode.WORKSPACE_INVALID, "no workspace given; call workspace(Path)");
            }
            WorkspacePaths paths = WorkspacePaths.of(workspace);
            PluginRegistry registry = plugins != null ? plugins
                    : discoverPlugins ? PluginRegistry.discover(Thread.currentThread().getContextClassLoader())
                    : PluginRegistry.empty();
            MillraceConfig explicit = config;
            Path file = configFile;
            StageMetadataRegistry names = stageNames(registry);
            java.util.function.Supplier<MillraceConfig> source = explicit != null ? () -> explicit
                    : () -> new ConfigLoader(names).load(paths, file);
            EngineSettings settings = new EngineSettings(paths, source.get(), mode, registry, allStages, runners,
                    listeners, clock, ids, durable ? AtomicFiles.DURABLE : AtomicFiles.NO_FSYNC,
                    RuntimeEventLog.DEFAULT_MAX_BYTES, source, statePublishInterval);
            return new MillraceRuntime(new Engine(settings), paths.workspaceRoot());
        }

        // Plugin stage kinds are legal [stages.<id>] keys in millrace.toml.
        private static StageMetadataRegistry stageNames(PluginRegistry registry) {
            StageMetadataRegistry names = StageMetadataRegistry.builtIn();
            for (StageKindDefinition kind : registry.stageKinds().values()) {
                try {
                    names = names.withStage(new StageMetadata(StageId.of(kind.stageKindId()), kind.plane(),
                            kind.runningStatusMarker(), kind.allowedResultClassesByOutcome()));
                } catch (RuntimeException e) {
                    // An invalid plugin stage kind is reported by the compiler with its name.
                }
            }
            return names;
        }
    }
}
