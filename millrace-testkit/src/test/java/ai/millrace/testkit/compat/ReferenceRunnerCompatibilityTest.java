package ai.millrace.testkit.compat;

import ai.millrace.api.run.TokenUsage;
import ai.millrace.api.spi.StageRunner;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The kit run against a runner that keeps the contract: every inherited test must pass.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ReferenceRunnerCompatibilityTest extends StageRunnerCompatibilityKit {

    @Override
    protected StageRunner runnerFor(Scenario scenario, Path workDir) throws Exception {
        return new ShellScriptRunner(ScenarioScripts.write(scenario, workDir), ShellScriptRunner.Flaw.NONE);
    }

    @Override
    protected Duration timeoutBudget() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected TokenUsage expectedUsage() {
        return new TokenUsage(120, 20, 30, 5, 150);
    }
}
