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
    public void apply(TransitionContext context) {
        context.state().saveClosureTarget(target);
    }
}
