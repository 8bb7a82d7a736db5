package ai.millrace.core.governance;

import java.time.Instant;

/**
 * What a provider reported for one subscription quota window. Immutable.
 *
 * @param percentUsed percent of the window used, 0 to 100
 * @param resetsAt when the window resets; null when unknown
 */
public record QuotaWindowReading(double percentUsed, Instant resetsAt) {
}
