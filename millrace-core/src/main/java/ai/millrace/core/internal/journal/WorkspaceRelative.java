package ai.millrace.core.internal.journal;

import ai.millrace.api.ContractViolationException;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;

/** Resolves the workspace-relative paths of file steps, refusing any that leave the workspace. */
final class WorkspaceRelative {
    private WorkspaceRelative() {
    }

    static String require(String path) {
        if (path == null || path.isBlank()) {
            throw new ContractViolationException("path is required");
        }
        Path p = Path.of(path).normalize();
        if (p.isAbsolute() || p.startsWith("..") || p.toString().isEmpty()) {
            throw new ContractViolationException("path must be relative to the workspace and stay inside it (got '"
                    + path + "')");
        }
        return p.toString().replace('\\', '/');
    }

    static Path resolve(WorkspacePaths paths, String path) {
        return paths.workspaceRoot().resolve(path);
    }

    static String of(WorkspacePaths paths, Path file) {
        return require(paths.workspaceRoot().relativize(file.toAbsolutePath().normalize()).toString());
    }
}
