package ai.millrace.core.internal.journal;

import ai.millrace.api.Identifiers;
import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.core.workspace.QueueState;
import java.util.ArrayList;
import java.util.List;

/**
 * A named list of steps that must happen together. Build one with {@link #named(String)}, run it
 * with {@link TransitionRunner#run(Transition)}. Immutable.
 *
 * @param name what the transition does, for the journal and logs (such as {@code complete_task})
 * @param steps the steps, applied in order
 */
public record Transition(String name, List<TransitionStep> steps) {
    /**
     * Validates and copies.
     *
     * @param name the name
     * @param steps the steps
     */
    public Transition {
        Identifiers.requireText("name", name);
        steps = List.copyOf(steps);
    }

    /**
     * Starts building a transition.
     *
     * @param name what it does
     * @return a builder
     */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Builds a {@link Transition}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<TransitionStep> steps = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Adds any step.
         *
         * @param step the step
         * @return this builder
         */
        public Builder step(TransitionStep step) {
            steps.add(step);
            return this;
        }

        /**
         * Adds a document move.
         *
         * @param kind the kind
         * @param id the id
         * @param from the source state
         * @param to the destination state
         * @return this builder
         */
        public Builder move(WorkItemKind kind, String id, QueueState from, QueueState to) {
            return step(new MoveDocument(kind, id, from, to, null));
        }

        /**
         * Adds a move from active back to the queue.
         *
         * @param kind the kind
         * @param id the id
         * @param reason why; recorded in {@code <id>.requeue.jsonl}
         * @return this builder
         */
        public Builder requeue(WorkItemKind kind, String id, String reason) {
            return step(new MoveDocument(kind, id, QueueState.ACTIVE, QueueState.QUEUED, reason));
        }

        /**
         * Adds a snapshot write.
         *
         * @param snapshot the snapshot after the transition
         * @return this builder
         */
        public Builder snapshot(RuntimeSnapshot snapshot) {
            return step(new WriteSnapshot(snapshot));
        }

        /**
         * Adds a counters write.
         *
         * @param counters the counters after the transition
         * @return this builder
         */
        public Builder counters(RecoveryCounters counters) {
            return step(new WriteCounters(counters));
        }

        /**
         * Adds a reset of one item's counters.
         *
         * @param kind the kind
         * @param id the id
         * @return this builder
         */
        public Builder resetCounters(WorkItemKind kind, String id) {
            return step(new ResetCounters(kind, id));
        }

        /**
         * Adds a status marker write.
         *
         * @param plane the plane
         * @param marker the marker
         * @return this builder
         */
        public Builder statusMarker(Plane plane, String marker) {
            return step(new WriteStatusMarker(plane, marker));
        }

        /**
         * Adds a closure target write.
         *
         * @param target the target
         * @return this builder
         */
        public Builder closureTarget(ClosureTargetState target) {
            return step(new WriteClosureTarget(target));
        }

        /**
         * Builds the transition.
         *
         * @return the transition
         */
        public Transition build() {
            return new Transition(name, steps);
        }
    }
}
