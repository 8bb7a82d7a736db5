package ai.millrace.core.internal.doctor;

import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.core.workspace.BaselineManifest;
import ai.millrace.core.workspace.BaselineManifestEntry;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The layout checks: canonical folders, default files, the baseline manifest and the managed
 * files it tracks. Read-only.
 */
public final class LayoutCheck {
    private static final String INIT = "run `millrace init` to recreate it (init never overwrites existing files)";

    private LayoutCheck() {
    }

    /**
     * Runs the checks.
     *
     * @param f the collector
     * @return the manifest, when it reads
     */
    public static Optional<BaselineManifest> run(Findings f) {
        WorkspacePaths paths = f.paths();
        for (Path dir : paths.initDirectories()) {
            if (!Files.isDirectory(dir)) {
                f.error("missing_directory", dir, "required folder is missing", INIT);
            }
        }
        for (Path file : List.of(paths.outlineFile(), paths.historyLogFile(), paths.statusFile(Plane.EXECUTION),
                paths.statusFile(Plane.PLANNING), paths.snapshotFile(), paths.recoveryCountersFile())) {
            if (!Files.isRegularFile(file)) {
                f.error("missing_file", file, "required file is missing", INIT);
            }
        }
        Path manifestFile = paths.baselineManifestFile();
        if (!Files.isRegularFile(manifestFile)) {
            f.error("baseline_manifest_missing", manifestFile, "the baseline manifest is missing, so upgrades cannot "
                    + "tell local edits from package updates", "run `millrace init` to reseed it from the installed package");
            return Optional.empty();
        }
        BaselineManifest manifest;
        try {
            manifest = BaselineManifest.read(manifestFile);
        } catch (MillraceException | IllegalArgumentException e) {
            f.error("baseline_manifest_invalid", manifestFile, "the baseline manifest does not read: " + e.getMessage(),
                    "restore it from a backup, or delete it and run `millrace init` to reseed it");
            return Optional.empty();
        }
        for (BaselineManifestEntry e : manifest.entries()) {
            Path file = paths.runtimeRoot().resolve(e.relativePath());
            if (!Files.isRegularFile(file)) {
                f.error("baseline_manifest_managed_file_missing", file, "managed asset " + e.relativePath()
                        + " listed in the baseline manifest is missing",
                        "run `millrace upgrade --apply` (or `millrace init`) to restore it");
            }
        }
        return Optional.of(manifest);
    }
}
