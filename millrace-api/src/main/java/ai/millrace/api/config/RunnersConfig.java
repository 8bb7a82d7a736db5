package ai.millrace.api.config;

import ai.millrace.api.Identifiers;
import ai.millrace.api.internal.Copies;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code [runners]} table: the default runner, the two shipped harnesses, and the raw tables
 * of plugin runners ({@code [runners.<id>]}), which their providers validate.
 *
 * @param defaultRunner the runner for nodes the plan binds to none
 * @param codex the Codex CLI harness settings
 * @param pi the Pi harness settings
 * @param plugins raw tables of other runners by runner id
 */
public record RunnersConfig(
        String defaultRunner,
        CodexRunnerConfig codex,
        PiRunnerConfig pi,
        Map<String, Map<String, Object>> plugins) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param defaultRunner the runner for nodes the plan binds to none
     * @param codex the Codex CLI harness settings
     * @param pi the Pi harness settings
     * @param plugins raw tables of other runners by runner id
     */
    public RunnersConfig {
        Identifiers.requireText("default_runner", defaultRunner);
        Objects.requireNonNull(codex, "codex is required");
        Objects.requireNonNull(pi, "pi is required");
        plugins = Copies.map(plugins);
    }

    /**
     * Returns the defaults: runner {@code codex_cli} and default harness settings.
     *
     * @return the defaults
     */
    public static RunnersConfig defaults() {
        return new RunnersConfig("codex_cli", CodexRunnerConfig.defaults(), PiRunnerConfig.defaults(), Map.of());
    }
}
