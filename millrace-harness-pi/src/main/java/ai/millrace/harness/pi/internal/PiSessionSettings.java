package ai.millrace.harness.pi.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing knobs of a Pi session. {@link #defaults()} holds the production values; tests shorten
 * them.
 *
 * @param defaultTimeout the stage timeout when the request says 0
 * @param abortGrace how long to wait for Pi to acknowledge {@code abort} after a timeout
 * @param commandTimeout how long to wait for the response to a follow-up query
 *     ({@code get_last_assistant_text}, {@code get_session_stats})
 * @param retryWindow after an {@code agent_end} with a provider error, how long to watch for an
 *     {@code auto_retry_start} when automatic retry could not be switched off
 * @param exitGrace how long Pi may take to exit once stdin is closed
 * @param killGrace between the polite and the forced signal when the tree must be killed
 */
public record PiSessionSettings(Duration defaultTimeout, Duration abortGrace, Duration commandTimeout,
        Duration retryWindow, Duration exitGrace, Duration killGrace) {

    /**
     * Checks that no value is null.
     *
     * @param defaultTimeout the stage timeout when the request says 0
     * @param abortGrace how long to wait for Pi to acknowledge {@code abort}
     * @param commandTimeout how long to wait for the response to a follow-up query
     * @param retryWindow how long to watch for an {@code auto_retry_start}
     * @param exitGrace how long Pi may take to exit once stdin is closed
     * @param killGrace between the polite and the forced signal
     */
    public PiSessionSettings {
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Objects.requireNonNull(abortGrace, "abortGrace");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(retryWindow, "retryWindow");
        Objects.requireNonNull(exitGrace, "exitGrace");
        Objects.requireNonNull(killGrace, "killGrace");
    }

    /**
     * Returns the production values: 3600 s default timeout, 2 s abort grace, 5 s per query, 1 s
     * retry window, 2 s exit grace, 1 s kill grace.
     *
     * @return the defaults
     */
    public static PiSessionSettings defaults() {
        return new PiSessionSettings(Duration.ofSeconds(3600), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }
}
