package ai.millrace.core.internal.journal;

import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;

/**
 * Deletes a file if it exists, such as a mailbox command once archived.
 *
 * @param path the file, relative to the workspace root; must stay inside it
 */
public record DeleteWorkspaceFile(String path) implements TransitionStep {
    /**
     * Validates.
     *
     * @param path the relative path
     */
    public DeleteWorkspaceFile {
        path = WorkspaceRelative.require(path);
    }

    /**
     * Builds the step for an absolute path inside the workspace.
     *
     * @param paths the workspace layout
     * @param file the file
     * @return the step
     */
    public static DeleteWorkspaceFile of(WorkspacePaths paths, Path file) {
        return new DeleteWorkspaceFile(WorkspaceRelative.of(paths, file));
    }

    @Override
    public java.util.List<java.nio.file.Path> touched(TransitionContext context) {
        return java.util.List.of(WorkspaceRelative.resolve(context.paths(), path).getParent());
    }

    @Override
    public void apply(TransitionContext context) {
        java.nio.file.Path file = WorkspaceRelative.resolve(context.paths(), path);
        if (context.state().defers(file)) {
            context.state().deleteFile(file);
        } else {
            context.stepFiles().delete(file);
        }
    }
}
