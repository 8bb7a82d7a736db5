package ai.millrace.core.internal.engine;

import ai.millrace.core.internal.state.StateStore;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the engine's held state files (see {@link StateStore#deferred}) are written: at once on
 * request, at most once per interval while stages run back to back (on the timer thread, so the
 * tick never waits for those writes), and a short while into a running stage. Times are
 * wall-clock ({@link System#nanoTime()}): they pace file writes and decide nothing. Thread-safe;
 * scheduled publications run on the runtime's timer thread.
 */
final class StatePublication {
    private static final Logger LOG = LoggerFactory.getLogger(StatePublication.class);

    private final StateStore state;
    private final long intervalNanos;
    private final ScheduledExecutorService timer;
    private long lastPublished = System.nanoTime();
    private ScheduledFuture<?> scheduled;

    StatePublication(StateStore state, Duration interval, ScheduledExecutorService timer) {
        this.state = state;
        this.intervalNanos = interval.toNanos();
        this.timer = timer;
    }

    /** Publishes now on the calling thread, whatever the interval. */
    void now() {
        synchronized (this) {
            if (scheduled != null) {
                scheduled.cancel(false);
                scheduled = null;
            }
        }
        state.publish(); // the store serializes publications and lets writers go on meanwhile
        synchronized (this) {
            lastPublished = System.nanoTime();
        }
    }

    /**
     * Has the timer publish once the interval since the last publication has passed (at once if
     * it has), so the files are written on the timer thread, not the caller's. With a zero
     * interval publishes now, on the calling thread.
     */
    void whenDue() {
        if (intervalNanos == 0) {
            now();
            return;
        }
        synchronized (this) {
            if (scheduled == null || scheduled.isDone()) {
                long wait = Math.max(0, intervalNanos - (System.nanoTime() - lastPublished));
                scheduled = timer.schedule(this::quietly, wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * Publishes after a delay unless the returned handle is cancelled first: a stage that answers
     * at once never has its running state written.
     *
     * @param delay how long to wait
     * @return the handle to cancel
     */
    ScheduledFuture<?> after(Duration delay) {
        return timer.schedule(this::quietly, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void quietly() {
        try {
            now();
        } catch (RuntimeException e) {
            LOG.warn("cannot publish the state files yet (the next publication retries): {}", e.toString());
        }
    }
}
