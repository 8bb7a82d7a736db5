package ai.millrace.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.PluginDiscoveryException;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.spi.testplugin.EchoRunnerProvider;
import ai.millrace.api.spi.testplugin.LinterStageKindProvider;
import ai.millrace.api.spi.testplugin.SecondEchoRunnerProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void findsPluginsRegisteredOnlyThroughMetaInfServices() {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());

        StageRunnerProvider provider = registry.runnerProvidersById(Set.of()).get("echo");
        assertTrue(provider instanceof EchoRunnerProvider, "the echo runner provider is discovered");
        StageRunner runner = provider.create(new RunnerContext("echo", Path.of("/ws"), MillraceConfig.defaults(), CLOCK));
        StageRunRequest request = request();
        RunnerRawResult result = runner.run(request);
        assertEquals(request.requestId(), result.requestId());
        assertEquals(RunnerExitKind.COMPLETED, result.exitKind());

        assertEquals(List.of("linter"), List.copyOf(registry.stageKinds().keySet()),
                "the plugin stage kind is contributed");
        assertTrue(registry.stageKindProviders().get(0) instanceof LinterStageKindProvider);
    }

    @Test
    void twoProvidersWithOneIdFailNamingBothClasses(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = withExtraServices(dir, "ai.millrace.api.spi.StageRunnerProvider",
                SecondEchoRunnerProvider.class.getName())) {
            PluginRegistry registry = PluginRegistry.discover(loader);

            PluginDiscoveryException e = assertThrows(PluginDiscoveryException.class,
                    () -> registry.runnerProvidersById(Set.of()));

            assertEquals(ErrorCode.DUPLICATE_PLUGIN_ID, e.errorCode());
            assertTrue(e.getMessage().contains(EchoRunnerProvider.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains(SecondEchoRunnerProvider.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains("'echo'"), e.getMessage());
        }
    }

    @Test
    void anExplicitlySuppliedRunnerWinsOverDuplicateProviders(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = withExtraServices(dir, "ai.millrace.api.spi.StageRunnerProvider",
                SecondEchoRunnerProvider.class.getName())) {
            PluginRegistry registry = PluginRegistry.discover(loader);

            assertTrue(registry.runnerProvidersById(Set.of("echo")).isEmpty(),
                    "providers of an explicitly supplied id are ignored, duplicates included");
        }
    }

    @Test
    void aProviderThatFailsToLoadIsReportedWithItsClassName(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = withExtraServices(dir, "ai.millrace.api.spi.StageRunnerProvider",
                "ai.millrace.api.spi.testplugin.BrokenRunnerProvider\ncom.example.MissingProvider")) {
            PluginDiscoveryException e = assertThrows(PluginDiscoveryException.class,
                    () -> PluginRegistry.discover(loader));

            assertEquals(ErrorCode.PLUGIN_LOAD_FAILED, e.errorCode());
            assertTrue(e.getMessage().contains("ai.millrace.api.spi.testplugin.BrokenRunnerProvider"), e.getMessage());
            assertTrue(e.getMessage().contains("missing dependency: libfoo"), e.getMessage());
            assertTrue(e.getMessage().contains("com.example.MissingProvider"), e.getMessage());
        }
    }

    @Test
    void duplicateStageKindsAcrossProvidersNameBothProviders() {
        PluginRegistry registry = PluginRegistry.of(new LinterStageKindProvider(), new LinterStageKindProvider() {
        });

        PluginDiscoveryException e = assertThrows(PluginDiscoveryException.class, registry::stageKinds);

        assertTrue(e.getMessage().contains("stage kind id 'linter'"), e.getMessage());
        assertTrue(e.getMessage().contains(LinterStageKindProvider.class.getName() + " and "), e.getMessage());
    }

    @Test
    void ofRejectsObjectsThatImplementNoSpi() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PluginRegistry.of("nope"));
        assertTrue(e.getMessage().contains("java.lang.String"));
    }

    private static StageRunRequest request() {
        return StageRunRequest.builder()
                .stage(StageMetadataRegistry.builtIn().require(StageId.BUILDER))
                .requestId("request-1").runId("run-1").modeId("default_codex").compiledPlanId("plan-x")
                .entrypointPath("/ws/millrace-agents/entrypoints/execution/builder.md")
                .activeWorkItemKind(ai.millrace.api.WorkItemKind.TASK).activeWorkItemId("task-1")
                .activeWorkItemPath("/ws/millrace-agents/tasks/active/task-1.md")
                .runDir("/ws/millrace-agents/runs/run-1")
                .summaryStatusPath("/ws/millrace-agents/state/execution_status.md")
                .runtimeSnapshotPath("/ws/millrace-agents/state/runtime_snapshot.json")
                .recoveryCountersPath("/ws/millrace-agents/state/recovery_counters.json")
                .timeoutSeconds(60)
                .build();
    }

    private URLClassLoader withExtraServices(Path dir, String service, String lines) throws IOException {
        Path file = dir.resolve("META-INF/services/" + service);
        Files.createDirectories(file.getParent());
        Files.writeString(file, lines + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }
}
