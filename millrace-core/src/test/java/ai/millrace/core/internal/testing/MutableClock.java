package ai.millrace.core.internal.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock tests move by hand; safe to read from the runtime's own threads. */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /**
     * Creates a clock standing at an instant.
     *
     * @param start the first reading
     */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** @param d how far to move forward */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** @param instant the new reading */
    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
