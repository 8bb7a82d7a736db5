package ai.millrace.core.governance;

import ai.millrace.api.config.QuotaWindow;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One read of subscription quota telemetry: either the windows the provider reported, or why
 * nothing could be read. Immutable.
 *
 * @param available whether telemetry was read
 * @param detail why it is unavailable (such as {@code quota_telemetry_unavailable}); null when available
 * @param windows the windows read; empty when unavailable
 * @param readAt when it was read
 */
public record QuotaReading(boolean available, String detail, Map<QuotaWindow, QuotaWindowReading> windows,
        Instant readAt) {
    /** The detail of the default telemetry, which never reads anything. */
    public static final String UNAVAILABLE = "quota_telemetry_unavailable";

    /**
     * Copies the windows.
     *
     * @param available whether telemetry was read
     * @param detail why it is unavailable
     * @param windows the windows read
     * @param readAt when it was read
     */
    public QuotaReading {
        windows = windows == null || windows.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(windows));
        Objects.requireNonNull(readAt, "readAt");
    }

    /**
     * Returns a reading of available telemetry.
     *
     * @param windows the windows read
     * @param readAt when
     * @return the reading
     */
    public static QuotaReading of(Map<QuotaWindow, QuotaWindowReading> windows, Instant readAt) {
        return new QuotaReading(true, null, windows, readAt);
    }

    /**
     * Returns a reading of unavailable telemetry.
     *
     * @param detail why
     * @param readAt when
     * @return the reading
     */
    public static QuotaReading unavailable(String detail, Instant readAt) {
        return new QuotaReading(false, detail, Map.of(), readAt);
    }
}
