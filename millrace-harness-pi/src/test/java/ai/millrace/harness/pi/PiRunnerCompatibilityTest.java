package ai.millrace.harness.pi;

import ai.millrace.api.config.EventLogPolicy;
import ai.millrace.api.config.PiRunnerConfig;
import ai.millrace.api.run.TokenUsage;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.harness.pi.internal.PiSessionSettings;
import ai.millrace.testkit.compat.StageRunnerCompatibilityKit;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The harness compatibility kit, run against {@link PiStageRunner} with fake {@code pi} scripts. */
class PiRunnerCompatibilityTest extends StageRunnerCompatibilityKit {
    private static final String TEXT = "Did the task.\n\n" + COMPLETE_MARKER;
    private static final PiSessionSettings SETTINGS = new PiSessionSettings(Duration.ofSeconds(3600),
            Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1));

    @Override
    protected StageRunner runnerFor(Scenario scenario, Path workDir) throws Exception {
        FakePi fake = script(scenario, FakePi.in(workDir.resolve("fake-pi")));
        PiRunnerConfig config = new PiRunnerConfig(fake.write().toString(), List.of(), "fake", null, null, true, true,
                EventLogPolicy.FAILURE_FULL, Map.of());
        return new PiStageRunner(config, workDir.resolve("workspace"), Clock.systemUTC(), SETTINGS, System.getenv());
    }

    @Override
    protected TokenUsage expectedUsage() {
        // Pi reports input 100 (without cache), cacheRead 50, output 20.
        return new TokenUsage(150, 50, 20, 0, 170);
    }

    private static FakePi script(Scenario scenario, FakePi fake) {
        String run = FakePi.respond("prompt-1", "prompt", null) + FakePi.lines(FakePi.textRun(TEXT));
        fake.on("get_last_assistant_text", FakePi.respond("last-assistant-1", "get_last_assistant_text",
                "{\"text\":" + FakePi.jsonString(TEXT) + "}"));
        switch (scenario) {
            case SUCCEED:
                return fake.on("prompt", run);
            case SUCCEED_WITH_USAGE:
                return fake.on("prompt", run).on("get_session_stats",
                        FakePi.respond("session-stats-1", "get_session_stats", FakePi.stats(100, 20, 50, 0)));
            case UNKNOWN_OUTPUT_EVENTS:
                List<String> events = new ArrayList<>(FakePi.textRun(TEXT));
                events.add(1, "{\"type\":\"brand_new_event\",\"unknownField\":{\"deep\":[true,null]}}");
                events.add(2, "this line is not JSON at all");
                events.add(3, "[1,2,3]");
                return fake.on("prompt", FakePi.respond("prompt-1", "prompt", null) + FakePi.lines(events));
            case HUGE_OUTPUT:
                return fake.on("prompt", FakePi.respond("prompt-1", "prompt", null)
                        + "CHUNK=$(head -c 65536 /dev/zero | tr '\\0' z)\n"
                        + "i=0; while [ $i -lt 80 ]; do"
                        + " printf '{\"type\":\"tool_execution_update\",\"partialResult\":\"%s\"}\\n' \"$CHUNK\";"
                        + " printf '%s\\n' \"$CHUNK\" >&2; i=$((i+1)); done\n"
                        + FakePi.lines(FakePi.textRun(TEXT)));
            case CRASH:
                return fake.on("prompt", FakePi.respond("prompt-1", "prompt", null)
                        + FakePi.emit("{\"type\":\"agent_start\"}") + "echo 'pi: fatal error' >&2\nexit 7");
            case HANG:
                return fake.on("prompt", FakePi.respond("prompt-1", "prompt", null)).on("abort", ":")
                        .preamble("trap '' TERM").onEof("while :; do sleep 1; done");
            case HANG_WITH_GRANDCHILD:
                return fake.on("prompt", FakePi.respond("prompt-1", "prompt", null) + "sleep 600 &").on("abort", ":")
                        .onEof("wait");
            default:
                throw new IllegalArgumentException(scenario.toString());
        }
    }
}
