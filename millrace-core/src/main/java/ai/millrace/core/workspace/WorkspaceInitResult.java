package ai.millrace.core.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link WorkspaceInitializer#init(Path)} call created. On a fresh workspace that is
 * everything; on a re-run it is what was missing and got repaired; nothing else is touched.
 * Immutable.
 *
 * @param workspaceRoot the absolute workspace root {@code W}
 * @param createdDirectories folders created, relative to {@code W}, in creation order
 * @param createdFiles default files created, relative to {@code W}, in creation order
 * @param deployedAssets managed assets written, relative to the runtime root, in deployment order
 * @param manifestCreated whether {@code state/baseline_manifest.json} was written
 */
public record WorkspaceInitResult(Path workspaceRoot, List<String> createdDirectories, List<String> createdFiles,
        List<String> deployedAssets, boolean manifestCreated) {

    /**
     * Copies the lists.
     *
     * @param workspaceRoot the absolute workspace root
     * @param createdDirectories folders created
     * @param createdFiles default files created
     * @param deployedAssets managed assets written
     * @param manifestCreated whether the manifest was written
     */
    public WorkspaceInitResult {
        Objects.requireNonNull(workspaceRoot, "workspaceRoot");
        createdDirectories = List.copyOf(createdDirectories);
        createdFiles = List.copyOf(createdFiles);
        deployedAssets = List.copyOf(deployedAssets);
    }

    /**
     * Tells whether the call found everything in place and changed nothing.
     *
     * @return true when nothing was created
     */
    public boolean unchanged() {
        return createdDirectories.isEmpty() && createdFiles.isEmpty() && deployedAssets.isEmpty() && !manifestCreated;
    }
}
