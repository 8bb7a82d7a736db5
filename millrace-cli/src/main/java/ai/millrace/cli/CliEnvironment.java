package ai.millrace.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the command line takes from its surroundings, so tests can replace it: the clock and the
 * wait between {@code status watch} updates.
 *
 * @param clock the clock
 * @param sleeper how to wait between updates
 */
public record CliEnvironment(Clock clock, Sleeper sleeper) {
    /**
     * Checks the fields.
     *
     * @param clock the clock
     * @param sleeper the sleeper
     */
    public CliEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Returns the real environment: the system UTC clock and {@link Thread#sleep(long)}.
     *
     * @return the environment
     */
    public static CliEnvironment system() {
        return new CliEnvironment(Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    /** Waits. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Waits for a while.
         *
         * @param duration how long
         * @throws InterruptedException when interrupted
         */
        void sleep(Duration duration) throws InterruptedException;
    }
}
