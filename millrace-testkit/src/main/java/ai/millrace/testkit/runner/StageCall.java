package ai.millrace.testkit.runner;

import ai.millrace.api.run.StageRunRequest;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One call of a scripted stage, as a {@link Reply} function sees it: the request, which attempt
 * this is, and the workspace the stage runs in.
 *
 * @param request the request the runtime sent, never null
 * @param attempt how many times this stage has now run for this work item, counting this call;
 *     1 for the first run
 * @param workspaceRoot the workspace root (the folder holding {@code millrace-agents/}), never null
 */
public record StageCall(StageRunRequest request, int attempt, Path workspaceRoot) {
    /**
     * Checks the fields.
     *
     * @param request the request the runtime sent, never null
     * @param attempt the attempt number, at least 1
     * @param workspaceRoot the workspace root, never null
     */
    public StageCall {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(workspaceRoot, "workspaceRoot");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1 (got " + attempt + ")");
        }
    }

    /**
     * Returns the stage name, such as {@code checker}.
     *
     * @return the stage, never null
     */
    public String stage() {
        return request.stage().value();
    }

    /**
     * Returns the id of the work item the stage works on: the active item, or the root spec of a
     * closure target.
     *
     * @return the id, or null when the request names neither
     */
    public String workItemId() {
        return request.activeWorkItemId() != null ? request.activeWorkItemId() : request.closureTargetRootSpecId();
    }

    /**
     * Returns the workspace layout.
     *
     * @return the paths, never null
     */
    public WorkspacePaths paths() {
        return WorkspacePaths.of(workspaceRoot);
    }
}
