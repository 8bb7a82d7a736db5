package ai.millrace.core.governance;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The subscription quota part of the governance state. Immutable.
 *
 * @param enabled whether quota rules are evaluated
 * @param provider the configured provider
 * @param state {@code disabled}, {@code healthy} or {@code degraded}
 * @param degradedPolicy {@code fail_open} or {@code fail_closed}
 * @param detail why telemetry is degraded; null otherwise
 * @param lastRefreshedAt when telemetry was last read; null when never
 * @param windows the windows last read, by wire name ({@code five_hour}, {@code weekly})
 */
public record QuotaStatus(boolean enabled, String provider, String state, String degradedPolicy, String detail,
        Instant lastRefreshedAt, Map<String, QuotaWindowReading> windows) {
    /** Telemetry is not consulted. */
    public static final String DISABLED = "disabled";
    /** Telemetry was read. */
    public static final String HEALTHY = "healthy";
    /** Telemetry could not be read. */
    public static final String DEGRADED = "degraded";

    /**
     * Copies the windows in name order.
     *
     * @param enabled whether quota rules are evaluated
     * @param provider the provider
     * @param state the state
     * @param degradedPolicy the policy
     * @param detail the detail
     * @param lastRefreshedAt when last read
     * @param windows the windows
     */
    public QuotaStatus {
        windows = windows == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(windows));
    }
}
