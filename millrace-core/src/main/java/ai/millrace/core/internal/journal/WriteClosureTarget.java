package ai.millrace.core.internal.journal;

import ai.millrace.api.state.ClosureTargetState;
import java.util.Objects;

/**
 * Writes a closure target state file.
 *
 * @param target the target
 */
public record WriteClosureTarget(ClosureTargetState target) implements TransitionStep {
    /**
     * Validates.
     *
     * @param target the target
     */
    public WriteClosureTarget {
        Objects.requireNonNull(target, "target");
    }

    @Override
    public java.util.List<java.nio.file.Path> touched(TransitionContext context) {
        return java.util.List.of(context.paths().closureTargetFile(target.rootSpecId()),
                context.paths().closureTargetFile(target.rootSpecId()).getParent());
    }

    @Override
    public void apply(TransitionContext context) {
        context.state().saveClosureTarget(target);
    }
}
