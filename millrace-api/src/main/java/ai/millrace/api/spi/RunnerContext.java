package ai.millrace.api.spi;

import ai.millrace.api.config.MillraceConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link StageRunnerProvider} is given to build a runner.
 *
 * @param runnerId the runner id being built
 * @param workspaceRoot the workspace root (the folder that holds {@code millrace-agents/})
 * @param config the effective configuration; first-party harnesses read their typed section
 *     ({@link ai.millrace.api.config.RunnersConfig#codex()}), plugins their raw table
 * @param clock the clock for timestamps; tests pass a fixed one
 */
public record RunnerContext(String runnerId, Path workspaceRoot, MillraceConfig config, Clock clock) {
    /**
     * Checks that no field is null.
     *
     * @param runnerId the runner id being built
     * @param workspaceRoot the workspace root (the folder that holds {@code millrace-agents/})
     * @param config the effective configuration; first-party harnesses read their typed section
     * @param clock the clock for timestamps; tests pass a fixed one
     */
    public RunnerContext {
        Objects.requireNonNull(runnerId, "runnerId");
        Objects.requireNonNull(workspaceRoot, "workspaceRoot");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Returns the raw {@code [runners.<runnerId>]} table of a plugin runner.
     *
     * @return the table, empty when the configuration has none
     */
    public Map<String, Object> pluginSettings() {
        return config.runners().plugins().getOrDefault(runnerId, Map.of());
    }
}
