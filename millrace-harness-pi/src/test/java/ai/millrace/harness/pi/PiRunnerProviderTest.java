package ai.millrace.harness.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.spi.RunnerContext;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.api.spi.StageRunnerProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiRunnerProviderTest {
    @Test
    void theServiceLoaderFindsThePiRunner(@TempDir Path workspace) {
        List<StageRunnerProvider> providers = ServiceLoader.load(StageRunnerProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.id().equals("pi_rpc")).collect(Collectors.toList());
        assertEquals(1, providers.size());
        assertTrue(providers.get(0) instanceof PiRunnerProvider);

        StageRunner runner = providers.get(0).create(
                new RunnerContext("pi_rpc", workspace, MillraceConfig.defaults(), Clock.systemUTC()));
        assertEquals("pi_rpc", runner.id());
        assertEquals(PiAgentHome.forWorkspace(workspace).root(), ((PiStageRunner) runner).agentHome().root());
    }
}
