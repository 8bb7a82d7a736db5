package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.state.RuntimeMode;
import java.util.Objects;

/**
 * The {@code [runtime]} table.
 *
 * @param defaultMode the mode compiled when none is requested; blank means {@code default_codex}
 * @param runStyle copied into the snapshot; informational
 * @param idleSleepSeconds the daemon's longest idle wait, in seconds; greater than 0
 */
public record RuntimeConfig(
        String defaultMode,
        RuntimeMode runStyle,
        double idleSleepSeconds) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param defaultMode the mode compiled when none is requested; blank means {@code default_codex}
     * @param runStyle copied into the snapshot; informational
     * @param idleSleepSeconds the daemon's longest idle wait, in seconds; greater than 0
     */
    public RuntimeConfig {
        Objects.requireNonNull(runStyle, "run_style is required");
        defaultMode = defaultMode == null || defaultMode.isBlank() ? "default_codex" : defaultMode.strip();
        if (idleSleepSeconds <= 0) {
            throw new ContractViolationException("runtime.idle_sleep_seconds must be greater than 0 (got " + idleSleepSeconds + ")");
        }
    }

    /**
     * Returns the defaults: mode {@code default_codex}, run style {@code daemon}, 1 second idle sleep.
     *
     * @return the defaults
     */
    public static RuntimeConfig defaults() {
        return new RuntimeConfig("default_codex", RuntimeMode.DAEMON, 1.0);
    }
}
