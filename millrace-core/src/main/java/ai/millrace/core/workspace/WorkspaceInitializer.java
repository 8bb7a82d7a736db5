package ai.millrace.core.workspace;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.workspace.DefaultFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Creates a workspace, or repairs one: {@code millrace init}.
 *
 * <p>{@link #init(Path)} creates the {@code millrace-agents/} folder tree, the default files
 * (outline, history log, {@code millrace.toml}, the three status markers, the learning event
 * log, the bootstrap runtime snapshot and empty recovery counters), deploys the managed assets
 * ({@link ManagedAssets}) and writes the baseline manifest. It only ever adds: an existing file
 * is never replaced, so running it again restores what is missing and keeps every local edit.
 * Each file is written complete or not at all (through {@link AtomicFiles}), so an interrupted
 * init is repaired by running it again.
 *
 * <p>Nothing else in Millrace initializes a workspace implicitly (the original re-ran this on
 * every queue operation, silently re-deploying deleted assets); other components call
 * {@link #requireInitialized(Path)} and fail instead.
 *
 * <p>Immutable and thread-safe; two concurrent inits of one workspace do not clobber each other.
 */
public final class WorkspaceInitializer {
    private final Clock clock;
    private final PluginRegistry plugins;
    private final ClassLoader assetLoader;
    private final AtomicFiles files;

    private WorkspaceInitializer(Builder b) {
        this.files = b.durable ? AtomicFiles.DURABLE : AtomicFiles.NO_FSYNC;
        this.clock = b.clock;
        this.plugins = b.plugins;
        this.assetLoader = b.assetLoader;
    }

    /**
     * Returns an initializer with the system UTC clock, no plugins and this library's assets.
     *
     * @return the initializer
     */
    public static WorkspaceInitializer create() {
        return builder().build();
    }

    /**
     * Returns a builder.
     *
     * @return a builder with the defaults of {@link #create()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Initializes or repairs a workspace.
     *
     * @param workspaceRoot the workspace root {@code W}; created when missing
     * @return what was created
     * @throws MillraceException with {@link ErrorCode#WORKSPACE_INVALID} when a path that must be a
     *     folder is a file, or the packaged assets cannot be found; {@link ErrorCode#STORAGE_FAILED}
     *     when writing fails; {@link ErrorCode#CONTRACT_VIOLATION} when a plugin asset path is invalid
     */
    public WorkspaceInitResult init(Path workspaceRoot) {
        WorkspacePaths paths = WorkspacePaths.of(Objects.requireNonNull(workspaceRoot, "workspaceRoot"));
        // Load the assets first: a broken class path must fail before anything is written.
        ManagedAssets assets = ManagedAssets.load(assetLoader, plugins);
        Path w = paths.workspaceRoot();
        List<String> createdDirs = new ArrayList<>();
        for (Path dir : paths.initDirectories()) {
            if (createDirectory(dir)) {
                createdDirs.add(relative(w, dir));
            }
        }
        List<String> createdFiles = new ArrayList<>();
        writeDefault(paths, paths.outlineFile(), new byte[0], createdFiles);
        writeDefault(paths, paths.historyLogFile(), new byte[0], createdFiles);
        writeDefault(paths, paths.configFile(), DefaultFiles.CONFIG_TOML.getBytes(StandardCharsets.UTF_8), createdFiles);
        for (Plane plane : DefaultFiles.statusPlanes()) {
            writeDefault(paths, paths.statusFile(plane), DefaultFiles.IDLE_STATUS.getBytes(StandardCharsets.UTF_8),
                    createdFiles);
        }
        writeDefault(paths, paths.learningDir().resolve("events.jsonl"), new byte[0], createdFiles);
        if (!exists(paths.snapshotFile())) {
            String planPath = relative(w, paths.compiledPlanFile());
            writeDefault(paths, paths.snapshotFile(),
                    MillraceJson.writeBytes(DefaultFiles.bootstrapSnapshot(clock.instant(), planPath)), createdFiles);
        }
        writeDefault(paths, paths.recoveryCountersFile(), MillraceJson.writeBytes(RecoveryCounters.EMPTY), createdFiles);
        List<String> deployed = new ArrayList<>();
        Path runtimeRoot = paths.runtimeRoot();
        for (ManagedAsset asset : assets.inDeploymentOrder()) {
            Path target = runtimeRoot.resolve(asset.relativePath());
            if (!exists(target)) {
                createDirectory(target.getParent());
                if (files.writeIfAbsent(target, asset.contentUnsafe())) {
                    deployed.add(asset.relativePath());
                }
            }
        }
        boolean manifestCreated = !exists(paths.baselineManifestFile())
                && files.writeIfAbsent(paths.baselineManifestFile(),
                        assets.manifest().toJson().getBytes(StandardCharsets.UTF_8));
        return new WorkspaceInitResult(w, createdDirs, createdFiles, deployed, manifestCreated);
    }

    /**
     * Tells whether a workspace is initialized: the runtime root, its state folder, the four
     * queue folders, {@code entrypoints/}, {@code skills/}, the outline, the history log, the
     * baseline manifest and {@code millrace.toml} all exist (spec 02 section 1.3).
     *
     * @param workspaceRoot the workspace root {@code W}
     * @return true when initialized
     */
    public static boolean isInitialized(Path workspaceRoot) {
        WorkspacePaths paths = WorkspacePaths.of(workspaceRoot);
        Path r = paths.runtimeRoot();
        for (Path required : List.of(r, paths.stateDir(),
                paths.queueDir(WorkItemKind.TASK, QueueState.QUEUED),
                paths.queueDir(WorkItemKind.SPEC, QueueState.QUEUED),
                paths.queueDir(WorkItemKind.INCIDENT, QueueState.QUEUED),
                paths.queueDir(WorkItemKind.LEARNING_REQUEST, QueueState.QUEUED),
                r.resolve("entrypoints"), r.resolve("skills"), paths.outlineFile(), paths.historyLogFile(),
                paths.baselineManifestFile(), paths.configFile())) {
            if (!Files.exists(required)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fails unless a workspace is initialized; creates nothing.
     *
     * @param workspaceRoot the workspace root {@code W}
     * @return the workspace layout
     * @throws MillraceException with {@link ErrorCode#WORKSPACE_INVALID} and the original's message
     *     {@code workspace is not initialized: <W>. Run `millrace init --workspace <W>` first.}
     */
    public static WorkspacePaths requireInitialized(Path workspaceRoot) {
        WorkspacePaths paths = WorkspacePaths.of(workspaceRoot);
        if (!isInitialized(paths.workspaceRoot())) {
            Path w = paths.workspaceRoot();
            throw new MillraceException(ErrorCode.WORKSPACE_INVALID,
                    "workspace is not initialized: " + w + ". Run `millrace init --workspace " + w + "` first.");
        }
        return paths;
    }

    private void writeDefault(WorkspacePaths paths, Path file, byte[] content, List<String> created) {
        if (!exists(file) && files.writeIfAbsent(file, content)) {
            created.add(relative(paths.workspaceRoot(), file));
        }
    }

    private static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean createDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return false;
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new MillraceException(ErrorCode.WORKSPACE_INVALID, dir + " exists but is not a folder;"
                    + " move it away and run init again");
        }
        try {
            Files.createDirectories(dir);
            return true;
        } catch (IOException e) {
            if (Files.isDirectory(dir)) {
                return false;
            }
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot create folder " + dir + ": " + e, e);
        }
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace(File.separatorChar, '/');
    }

    /**
     * Configures a {@link WorkspaceInitializer}. Not thread-safe.
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private PluginRegistry plugins = PluginRegistry.empty();
        private ClassLoader assetLoader = WorkspaceInitializer.class.getClassLoader();
        private boolean durable = true;

        private Builder() {
        }

        /**
         * Turns fsync off (true, the default, keeps it). Files stay atomic but a power cut can lose
         * them: for tests and throw-away workspaces only.
         *
         * @param durable false to skip fsync
         * @return this builder
         */
        public Builder durableWrites(boolean durable) {
            this.durable = durable;
            return this;
        }

        /**
         * Sets the clock that stamps the bootstrap snapshot's {@code updated_at}.
         *
         * @param clock the clock, never null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the plugins whose stage kind providers contribute markdown assets.
         *
         * @param plugins the plugins, never null
         * @return this builder
         */
        public Builder plugins(PluginRegistry plugins) {
            this.plugins = Objects.requireNonNull(plugins, "plugins");
            return this;
        }

        /**
         * Sets the class loader that finds the packaged assets ({@code ai/millrace/assets/}),
         * for applications that load Millrace through their own class loader.
         *
         * @param assetLoader the loader, never null
         * @return this builder
         */
        public Builder assetLoader(ClassLoader assetLoader) {
            this.assetLoader = Objects.requireNonNull(assetLoader, "assetLoader");
            return this;
        }

        /**
         * Builds the initializer.
         *
         * @return the initializer
         */
        public WorkspaceInitializer build() {
            return new WorkspaceInitializer(this);
        }
    }
}
