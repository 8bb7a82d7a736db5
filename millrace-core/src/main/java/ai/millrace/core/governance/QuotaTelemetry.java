package ai.millrace.core.governance;

import java.time.Instant;

/**
 * Where subscription quota usage comes from (the original read Codex session logs). Implement it
 * to plug in a provider; Millrace ships only {@link #unavailable()}, which never reads anything
 * (no network, no files), so quota rules follow their {@code degraded_policy}. Implementations are
 * called at most once per {@code refresh_interval_seconds} and must not throw; report failure as
 * {@link QuotaReading#unavailable(String, Instant)}.
 */
@FunctionalInterface
public interface QuotaTelemetry {
    /**
     * Reads the current quota usage.
     *
     * @param now the evaluation time
     * @return the reading, never null
     */
    QuotaReading read(Instant now);

    /**
     * Returns telemetry that is always unavailable, with detail {@value QuotaReading#UNAVAILABLE}.
     *
     * @return the default telemetry
     */
    static QuotaTelemetry unavailable() {
        return now -> QuotaReading.unavailable(QuotaReading.UNAVAILABLE, now);
    }
}
