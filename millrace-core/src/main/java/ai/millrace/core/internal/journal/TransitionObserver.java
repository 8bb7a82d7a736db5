package ai.millrace.core.internal.journal;

/**
 * Hooks around the phases of a transition, for progress reporting and crash tests. Called on the
 * thread that runs the transition; implementations must be quick and must not throw.
 */
public interface TransitionObserver {
    /** An observer that does nothing. */
    TransitionObserver NONE = new TransitionObserver() {
    };

    /**
     * The intent is durable; steps follow.
     *
     * @param txn the transition id
     * @param transition the transition
     */
    default void intentRecorded(String txn, Transition transition) {
    }

    /**
     * One step has been applied.
     *
     * @param txn the transition id
     * @param index the step index
     * @param step the step
     */
    default void stepApplied(String txn, int index, TransitionStep step) {
    }

    /**
     * The commit mark is durable.
     *
     * @param txn the transition id
     */
    default void committed(String txn) {
    }
}
