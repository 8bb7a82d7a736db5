package ai.millrace.core.upgrade;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.upgrade.LocalizeSet;
import ai.millrace.core.internal.upgrade.UpgradeClassifier;
import ai.millrace.core.internal.workspace.Sha256;
import ai.millrace.core.workspace.BaselineManifest;
import ai.millrace.core.workspace.ManagedAsset;
import ai.millrace.core.workspace.ManagedAssets;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Upgrades the managed assets of a workspace to the packaged ones ({@code millrace upgrade}).
 *
 * <p>{@link #preview} classifies every path of the baseline manifest and of the packaged
 * (candidate) assets three ways (see {@link Disposition}). {@link #apply} refuses with the list
 * of conflicts before touching anything; otherwise it copies the packaged file for every
 * {@code safe_package_update} and {@code missing} path and rewrites the baseline manifest from the
 * candidate, every write atomic and durable. Local modifications stay as they are (untracked as
 * modified); localized removed files stay in the workspace but leave the manifest. Runtime state,
 * queues, {@code outline.md}, {@code historylog.md} and {@code millrace.toml} are never touched.
 *
 * <p>Immutable and thread-safe; do not run two upgrades of one workspace at once.
 */
public final class Upgrader {
    private final Supplier<ManagedAssets> candidates;
    private final AtomicFiles files;

    private Upgrader(Supplier<ManagedAssets> candidates, AtomicFiles files) {
        this.candidates = candidates;
        this.files = files;
    }

    /**
     * Returns an upgrader to the assets packaged with this library (no plugins).
     *
     * @return the upgrader
     */
    public static Upgrader packaged() {
        return from(ManagedAssets::packaged);
    }

    /**
     * Returns an upgrader to the assets found through a class loader plus plugin assets, the same
     * source {@link WorkspaceInitializer.Builder#assetLoader(ClassLoader)} seeds from.
     *
     * @param loader the class loader that sees {@code ai/millrace/assets/}
     * @param plugins the plugins
     * @return the upgrader
     */
    public static Upgrader from(ClassLoader loader, PluginRegistry plugins) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(plugins, "plugins");
        return from(() -> ManagedAssets.load(loader, plugins));
    }

    /**
     * Returns an upgrader to any candidate asset set.
     *
     * @param candidates supplies the candidate assets (called once per preview or apply)
     * @return the upgrader
     */
    public static Upgrader from(Supplier<ManagedAssets> candidates) {
        return new Upgrader(Objects.requireNonNull(candidates, "candidates"), AtomicFiles.DURABLE);
    }

    /**
     * Returns a copy that writes with another strategy (tests use {@link AtomicFiles#NO_FSYNC}).
     *
     * @param files the strategy
     * @return the copy
     */
    public Upgrader withFiles(AtomicFiles files) {
        return new Upgrader(candidates, Objects.requireNonNull(files, "files"));
    }

    /**
     * Classifies every managed path; writes nothing.
     *
     * @param workspaceRoot the workspace root {@code W}
     * @param localizeRemoved removed assets the workspace keeps as its own (may be empty)
     * @return the preview
     * @throws MillraceException WORKSPACE_INVALID when the workspace is not initialized or its
     *     manifest is missing or invalid; CONTRACT_VIOLATION for a bad localize path
     */
    public UpgradePreview preview(Path workspaceRoot, Collection<String> localizeRemoved) {
        return plan(workspaceRoot, localizeRemoved).preview;
    }

    /**
     * Applies the upgrade, or refuses before changing anything when a path is in conflict.
     *
     * @param workspaceRoot the workspace root {@code W}
     * @param localizeRemoved removed assets the workspace keeps as its own (may be empty)
     * @return the applied preview
     * @throws MillraceException WORKSPACE_INVALID {@code upgrade conflict(s) detected: <paths>} (no
     *     file touched), or as {@link #preview}; STORAGE_FAILED when a write fails
     */
    public UpgradePreview apply(Path workspaceRoot, Collection<String> localizeRemoved) {
        Plan plan = plan(workspaceRoot, localizeRemoved);
        UpgradePreview preview = plan.preview;
        if (preview.hasConflicts()) {
            throw new MillraceException(ErrorCode.WORKSPACE_INVALID, "upgrade conflict(s) detected: "
                    + String.join(", ", preview.paths(Disposition.CONFLICT)));
        }
        Path runtimeRoot = plan.paths.runtimeRoot();
        for (UpgradeEntry e : preview.entries()) {
            if (e.disposition() == Disposition.SAFE_PACKAGE_UPDATE || e.disposition() == Disposition.MISSING) {
                ManagedAsset asset = plan.candidate.get(e.relativePath());
                if (asset == null) {
                    throw new MillraceException(ErrorCode.WORKSPACE_INVALID,
                            "candidate managed asset is missing: " + e.relativePath());
                }
                files.write(runtimeRoot.resolve(e.relativePath()), asset.content());
            }
        }
        files.write(plan.paths.baselineManifestFile(), plan.candidateManifest.toJson().getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        return new UpgradePreview(preview.baselineManifestId(), preview.candidateManifestId(), preview.entries(), true);
    }

    private record Plan(WorkspacePaths paths, UpgradePreview preview, Map<String, ManagedAsset> candidate,
            BaselineManifest candidateManifest) {
    }

    private Plan plan(Path workspaceRoot, Collection<String> localizeRemoved) {
        WorkspacePaths paths = WorkspaceInitializer.requireInitialized(workspaceRoot);
        BaselineManifest baseline = readBaseline(paths);
        ManagedAssets assets = candidates.get();
        BaselineManifest candidateManifest = assets.manifest();
        Map<String, ManagedAsset> candidate = new TreeMap<>();
        assets.assets().forEach(a -> candidate.put(a.relativePath(), a));
        Map<String, String> original = new TreeMap<>();
        baseline.entries().forEach(e -> original.put(e.relativePath(), e.originalSha256()));
        Set<String> localize = LocalizeSet.normalize(localizeRemoved == null ? List.of() : localizeRemoved);
        List<String> notRemoved = new ArrayList<>();
        for (String p : localize) {
            if (!original.containsKey(p) || candidate.containsKey(p)) {
                notRemoved.add(p);
            }
        }
        if (!notRemoved.isEmpty()) {
            throw new MillraceException(ErrorCode.CONTRACT_VIOLATION,
                    "localize-removed path is not a removed managed asset: " + String.join(", ", notRemoved));
        }
        Set<String> all = new TreeSet<>(original.keySet());
        all.addAll(candidate.keySet());
        List<UpgradeEntry> entries = new ArrayList<>();
        for (String path : all) {
            Path file = paths.runtimeRoot().resolve(path);
            boolean regular = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
            boolean nonFile = !regular && Files.exists(file, LinkOption.NOFOLLOW_LINKS);
            String current = regular ? hash(file) : null;
            ManagedAsset c = candidate.get(path);
            String candidateHash = c == null ? null : c.sha256();
            entries.add(new UpgradeEntry(path, UpgradeClassifier.classify(path, original.get(path), candidateHash,
                    current, nonFile, localize), original.get(path), candidateHash, current));
        }
        UpgradePreview preview = new UpgradePreview(baseline.manifestId(), candidateManifest.manifestId(), entries, false);
        return new Plan(paths, preview, candidate, candidateManifest);
    }

    private static BaselineManifest readBaseline(WorkspacePaths paths) {
        Path file = paths.baselineManifestFile();
        try {
            return BaselineManifest.read(file);
        } catch (MillraceException | IllegalArgumentException e) {
            throw new MillraceException(ErrorCode.WORKSPACE_INVALID, "baseline manifest " + file
                    + " is invalid: " + e.getMessage() + "; restore it, or delete it and run `millrace init` to reseed it"
                    + " from the installed package", e);
        }
    }

    private static String hash(Path file) {
        try {
            return Sha256.hex(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a {@code --localize-removed-from} file.
     *
     * @param file the file: one path per line, blank lines and {@code #} comments skipped
     * @return the values
     * @throws MillraceException STORAGE_FAILED when it cannot be read
     */
    public static List<String> readLocalizeFile(Path file) {
        try {
            return LocalizeSet.parseFile(Files.readString(file));
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
