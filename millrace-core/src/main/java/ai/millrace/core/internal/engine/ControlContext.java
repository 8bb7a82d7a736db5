package ai.millrace.core.internal.engine;

import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.workspace.WorkspacePaths;
import java.time.Clock;

/**
 * What control commands read and ask for, so the same commands serve a running engine (through
 * the mailbox) and an operator acting on a workspace no daemon owns (directly).
 */
interface ControlContext {
    /** @return the current snapshot as stored */
    RuntimeSnapshot storedSnapshot();

    /** @return the current recovery counters */
    RecoveryCounters storedCounters();

    /** @return the queue store */
    QueueStore queues();

    /** @return the workspace layout */
    WorkspacePaths paths();

    /** @return the clock */
    Clock clock();

    /**
     * Asks for a configuration reload.
     *
     * @return a description of when it happens
     */
    String requestReload();
}
