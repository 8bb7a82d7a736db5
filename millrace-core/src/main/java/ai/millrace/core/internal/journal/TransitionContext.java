package ai.millrace.core.internal.journal;

import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.internal.state.StateStore;
import ai.millrace.core.workspace.WorkspacePaths;
import java.util.Objects;

/**
 * What transition steps act on: the workspace, its queues and its state files.
 *
 * @param paths the workspace layout
 * @param queues the queue store (moves keep its index current)
 * @param state the state store
 * @param files the write strategy
 */
public record TransitionContext(WorkspacePaths paths, QueueStore queues, StateStore state, AtomicFiles files) {
    /**
     * Validates.
     *
     * @param paths the workspace layout
     * @param queues the queue store
     * @param state the state store
     * @param files the write strategy
     */
    public TransitionContext {
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(files, "files");
    }

    /**
     * Returns how steps write their files: without fsync when the journal is durable, because
     * the forced intent record protects them until the next checkpoint forces them.
     *
     * @return the step write strategy
     */
    public AtomicFiles stepFiles() {
        return files.isDurable() ? AtomicFiles.NO_FSYNC : files;
    }
}
