package ai.millrace.core.internal.journal;

import ai.millrace.api.state.RuntimeSnapshot;
import java.util.Objects;

/**
 * Writes the whole runtime snapshot as it must be after the transition.
 *
 * @param snapshot the snapshot
 */
public record WriteSnapshot(RuntimeSnapshot snapshot) implements TransitionStep {
    /**
     * Validates.
     *
     * @param snapshot the snapshot
     */
    public WriteSnapshot {
        Objects.requireNonNull(snapshot, "snapshot");
    }

    @Override
    public java.util.List<java.nio.file.Path> touched(TransitionContext context) {
        return java.util.List.of(context.paths().snapshotFile(), context.paths().stateDir());
    }

    @Override
    public void apply(TransitionContext context) {
        context.state().saveSnapshot(snapshot);
    }
}
