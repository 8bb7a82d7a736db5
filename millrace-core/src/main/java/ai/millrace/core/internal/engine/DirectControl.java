package ai.millrace.core.internal.engine;

import ai.millrace.api.state.MailboxCommandEnvelope;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.control.CommandOutcome;
import ai.millrace.core.internal.journal.StartupRecovery;
import ai.millrace.core.internal.journal.Transition;
import ai.millrace.core.internal.journal.TransitionContext;
import ai.millrace.core.internal.journal.TransitionRunner;
import ai.millrace.core.internal.journal.TransitionStep;
import ai.millrace.core.internal.queue.DocumentCodec;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.internal.state.StateStore;
import ai.millrace.core.workspace.WorkspacePaths;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Applies a control command straight to a workspace that no daemon owns, with the same
 * semantics as the running engine applies it from the mailbox. The caller holds the control
 * file lock. The journal is replayed first, so a previous crash is repaired before the change.
 */
public final class DirectControl {
    private final WorkspacePaths paths;
    private final Clock clock;
    private final QueueStore queues;
    private final StateStore state;
    private final TransitionRunner transitions;

    /**
     * Opens the workspace's stores and repairs any interrupted transition.
     *
     * @param paths the workspace layout
     * @param files the atomic-write utility
     * @param clock the clock
     * @param txnIds transaction id source
     */
    public DirectControl(WorkspacePaths paths, AtomicFiles files, Clock clock, Supplier<String> txnIds) {
        this.paths = paths;
        this.clock = clock;
        AtomicFiles stepFiles = files.isDurable() ? AtomicFiles.NO_FSYNC : files;
        this.queues = QueueStore.open(paths, DocumentCodec.standard(), stepFiles, clock);
        this.state = new StateStore(paths, stepFiles);
        this.transitions = new TransitionRunner(new TransitionContext(paths, queues, state, files), clock, txnIds);
        StartupRecovery.recover(transitions, clock);
    }

    /**
     * Applies one command.
     *
     * @param envelope the command
     * @return the command's result map
     * @throws Exception when the command is invalid in the workspace's state
     */
    public Map<String, Object> apply(MailboxCommandEnvelope envelope) throws Exception {
        CommandOutcome outcome = new ControlCommands(new Context()).handle(envelope);
        if (!outcome.effects().isEmpty()) {
            Transition.Builder tx = Transition.named("direct_" + envelope.command().wireName());
            for (TransitionStep step : outcome.effects()) {
                tx.step(step);
            }
            transitions.run(tx.build());
            transitions.checkpoint(); // A one-shot operator change is forced to disk at once.
        }
        return outcome.result();
    }

    /**
     * Returns the stored snapshot.
     *
     * @return the snapshot
     */
    public RuntimeSnapshot snapshot() {
        return state.loadSnapshot().orElseThrow();
    }

    /**
     * Writes a snapshot directly (for changes that are not commands, such as marking a stopped
     * runtime not running).
     *
     * @param snapshot the snapshot
     */
    public void saveSnapshot(RuntimeSnapshot snapshot) {
        transitions.run(Transition.named("direct_snapshot").snapshot(snapshot).build());
        transitions.checkpoint();
    }

    private final class Context implements ControlContext {
        @Override
        public RuntimeSnapshot storedSnapshot() {
            return snapshot();
        }

        @Override
        public RecoveryCounters storedCounters() {
            return state.loadCounters();
        }

        @Override
        public QueueStore queues() {
            return queues;
        }

        @Override
        public WorkspacePaths paths() {
            return paths;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public String requestReload() {
            return "no daemon running; reload request not enqueued";
        }
    }
}
