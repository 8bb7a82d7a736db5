package ai.millrace.core.internal.journal;

import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;

/**
 * Writes a whole text file (UTF-8) atomically, such as a mailbox archive.
 *
 * @param path the file, relative to the workspace root; must stay inside it
 * @param content the content
 */
public record WriteWorkspaceFile(String path, String content) implements TransitionStep {
    /**
     * Validates.
     *
     * @param path the relative path
     * @param content the content
     */
    public WriteWorkspaceFile {
        path = WorkspaceRelative.require(path);
        content = content == null ? "" : content;
    }

    /**
     * Builds the step for an absolute path inside the workspace.
     *
     * @param paths the workspace layout
     * @param file the file
     * @param content the content
     * @return the step
     */
    public static WriteWorkspaceFile of(WorkspacePaths paths, Path file, String content) {
        return new WriteWorkspaceFile(WorkspaceRelative.of(paths, file), content);
    }

    @Override
    public java.util.List<java.nio.file.Path> touched(TransitionContext context) {
        return java.util.List.of(WorkspaceRelative.resolve(context.paths(), path),
                WorkspaceRelative.resolve(context.paths(), path).getParent());
    }

    @Override
    public void apply(TransitionContext context) {
        java.nio.file.Path file = WorkspaceRelative.resolve(context.paths(), path);
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (context.state().defers(file)) {
            context.state().writeFile(file, bytes); // a dispatch record or stage result: published later
        } else {
            context.stepFiles().write(file, bytes);
        }
    }
}
