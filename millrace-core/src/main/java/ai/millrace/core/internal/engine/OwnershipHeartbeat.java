package ai.millrace.core.internal.engine;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.core.internal.control.OwnershipLease;
import ai.millrace.core.internal.control.OwnershipLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an owned workspace lock's heartbeat fresh, so a runtime on another host never finds it
 * stale, and remembers when another runtime has taken the workspace over. Times come from the
 * runtime's clock. Thread-safe: ticks and the runtime's timer both call {@link #beatIfDue()}.
 */
final class OwnershipHeartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(OwnershipHeartbeat.class);

    private final OwnershipLock lock;
    private final OwnershipLease lease;
    private final Clock clock;
    private final Duration period;
    private Instant last;
    private volatile MillraceException lost;

    OwnershipHeartbeat(OwnershipLock lock, OwnershipLease lease, Clock clock, Duration period) {
        this.lock = lock;
        this.lease = lease;
        this.clock = clock;
        this.period = period;
        this.last = clock.instant();
    }

    /** @return the period between heartbeats */
    Duration period() {
        return period;
    }

    /** Refreshes the heartbeat when a period has passed since the last one. */
    synchronized void beatIfDue() {
        Instant now = clock.instant();
        if (lost != null || now.isBefore(last.plus(period))) {
            return;
        }
        try {
            lock.heartbeat(lease);
            last = now;
        } catch (MillraceException e) {
            if (e.errorCode() != ErrorCode.WORKSPACE_LOCKED) {
                throw e;
            }
            lost = e;
            LOG.error("{}", e.getMessage());
        }
    }

    /** Like {@link #beatIfDue()}, for the timer: a failure is logged and the next call retries. */
    void beatQuietly() {
        try {
            beatIfDue();
        } catch (RuntimeException e) {
            LOG.warn("cannot refresh the ownership lock's heartbeat (the next tick retries): {}", e.toString());
        }
    }

    /** @return true while no other runtime has taken the workspace over */
    boolean owned() {
        return lost == null;
    }

    /**
     * Fails when another runtime has taken the workspace over: this one must not write to it.
     *
     * @throws MillraceException WORKSPACE_LOCKED naming the new owner
     */
    void requireOwned() {
        MillraceException e = lost;
        if (e != null) {
            throw new MillraceException(ErrorCode.WORKSPACE_LOCKED, e.detail(), e);
        }
    }
}
