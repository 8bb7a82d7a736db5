package ai.millrace.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it: {@link #advance(Duration)} and
 * {@link #set(Instant)}. Hand it to the runtime and to scripted runners so that every timestamp
 * a test produces is predictable.
 *
 * <p>Thread-safe: the runtime reads it from its supervisor and worker threads while the test
 * thread moves it. Clocks made by {@link #withZone(ZoneId)} share the same current instant.
 */
public final class MutableClock extends Clock {
    /** Where a clock made by {@link #MutableClock()} starts: {@code 2026-01-01T00:00:00Z}. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** Creates a UTC clock standing at {@link #DEFAULT_START}. */
    public MutableClock() {
        this(DEFAULT_START);
    }

    /**
     * Creates a UTC clock standing at an instant.
     *
     * @param start the instant, never null
     */
    public MutableClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * Returns a clock in another zone that shares this clock's instant (moving one moves both).
     *
     * @param zone the zone, never null
     * @return the clock
     */
    @Override
    public Clock withZone(ZoneId zone) {
        return new MutableClock(now, Objects.requireNonNull(zone, "zone"));
    }

    /**
     * Moves the clock forward.
     *
     * @param step how far, never null and not negative
     * @return the new instant
     * @throws IllegalArgumentException when the step is negative
     */
    public Instant advance(Duration step) {
        Objects.requireNonNull(step, "step");
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward; got " + step);
        }
        return now.updateAndGet(t -> t.plus(step));
    }

    /**
     * Puts the clock at an instant (backwards too, for tests of clock skew).
     *
     * @param instant the instant, never null
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + ", " + zone + "]";
    }
}
