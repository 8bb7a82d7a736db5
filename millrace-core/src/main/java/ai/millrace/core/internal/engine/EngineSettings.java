package ai.millrace.core.internal.engine;

import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.spi.PluginRegistry;
import ai.millrace.api.spi.RuntimeListener;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.workspace.WorkspacePaths;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Everything an {@link Engine} is built from, as the public builder collected it.
 *
 * @param paths the workspace layout
 * @param config the effective configuration
 * @param modeOverride a mode id that wins over {@code runtime.default_mode}, or null
 * @param plugins the plugins (providers and listeners)
 * @param allStages a runner for every stage, or null
 * @param runners runners supplied explicitly, by id
 * @param listeners listeners supplied explicitly (plugin listeners are added)
 * @param clock the clock
 * @param ids the id generator
 * @param files the atomic-write utility (durable unless a benchmark says otherwise)
 * @param eventLogMaxBytes the event log's rotation size
 * @param configSource reads the configuration again for a reload (returns the same object when it
 *     was given explicitly)
 * @param statePublishInterval the least time between two publications of the state files while
 *     stages run back to back; zero publishes at the end of every tick
 */
public record EngineSettings(WorkspacePaths paths, MillraceConfig config, String modeOverride, PluginRegistry plugins,
        StageRunner allStages, Map<String, StageRunner> runners, List<RuntimeListener> listeners, Clock clock,
        IdGenerator ids, AtomicFiles files, long eventLogMaxBytes,
        java.util.function.Supplier<MillraceConfig> configSource, java.time.Duration statePublishInterval) {
}
