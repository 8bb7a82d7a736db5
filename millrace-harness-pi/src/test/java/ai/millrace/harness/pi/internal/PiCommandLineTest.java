package ai.millrace.harness.pi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.config.EventLogPolicy;
import ai.millrace.api.config.PiRunnerConfig;
import ai.millrace.api.run.StageRunRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiCommandLineTest {
    private static StageRunRequest request(String model) {
        return StagePromptBuilderTest.goldenRequest().toBuilder().modelName(model).build();
    }

    @Test
    void defaultsGiveTheOriginalsCommandLine() {
        assertEquals(List.of("pi", "--mode", "rpc", "--no-session", "--model", "openai/gpt-5.4", "--no-context-files",
                "--no-skills"), PiCommandLine.build(PiRunnerConfig.defaults(), request("openai/gpt-5.4")));
    }

    @Test
    void everyOptionLandsInItsPlace() {
        PiRunnerConfig config = new PiRunnerConfig("/opt/pi", List.of("--offline", "--verbose"), "fake", "cfg-model",
                "high", false, true, EventLogPolicy.FULL, Map.of());
        assertEquals(List.of("/opt/pi", "--offline", "--verbose", "--mode", "rpc", "--no-session", "--provider", "fake",
                "--model", "req-model", "--thinking", "high", "--no-skills"),
                PiCommandLine.build(config, request("req-model")));
        assertEquals("cfg-model", PiCommandLine.model(config, request(null)), "the config model is the fallback");
        assertEquals(List.of("/opt/pi", "--offline", "--verbose", "--mode", "rpc", "--no-session", "--provider", "fake",
                "--model", "cfg-model", "--thinking", "high", "--no-skills"), PiCommandLine.build(config, request(null)));
    }

    @Test
    void reservedFlagsCannotBeSmuggledInThroughArgs() {
        assertThrows(ContractViolationException.class, () -> new PiRunnerConfig("pi", List.of("--model=x"), null, null,
                null, true, true, EventLogPolicy.FULL, Map.of()));
    }
}
