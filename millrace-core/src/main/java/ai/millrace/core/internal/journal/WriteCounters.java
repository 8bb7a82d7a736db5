package ai.millrace.core.internal.journal;

import ai.millrace.api.state.RecoveryCounters;
import java.util.Objects;

/**
 * Writes the whole recovery counters file as it must be after the transition.
 *
 * @param counters the counters
 */
public record WriteCounters(RecoveryCounters counters) implements TransitionStep {
    /**
     * Validates.
     *
     * @param counters the counters
     */
    public WriteCounters {
        Objects.requireNonNull(counters, "counters");
    }

    @Override
    public java.util.List<java.nio.file.Path> touched(TransitionContext context) {
        return java.util.List.of(context.paths().recoveryCountersFile(), context.paths().stateDir());
    }

    @Override
    public void apply(TransitionContext context) {
        context.state().saveCounters(counters);
    }
}
