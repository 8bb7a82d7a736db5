package ai.millrace.core.engine;

import ai.millrace.core.internal.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.config.RuntimeTokenRulesConfig;
import ai.millrace.api.config.SubscriptionQuotaRulesConfig;
import ai.millrace.api.config.TokenRule;
import ai.millrace.api.config.UsageGovernanceConfig;
import ai.millrace.api.config.UsageWindow;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.api.state.PauseSource;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.Millrace;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.workspace.QueueState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token budget pauses work between stages instead of burning it, and resumes by itself. */
class GovernanceEndToEndTest {
    @TempDir
    Path root;

    /** Answers each stage with its success marker and reports 600 tokens. */
    static final class CostlyRunner implements StageRunner {
        private final Clock clock;
        int runs;

        CostlyRunner(Clock clock) {
            this.clock = clock;
        }

        @Override
        public String id() {
            return "costly";
        }

        @Override
        public RunnerRawResult run(StageRunRequest request) {
            runs++;
            Path stdout = request.runDirectory().resolve("out." + request.requestId() + ".txt");
            try {
                Files.createDirectories(stdout.getParent());
                Files.writeString(stdout, request.legalTerminalMarkers().get(0) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return RunnerRawResult.builder().requestId(request.requestId()).runId(request.runId())
                    .stage(request.stage()).runnerName(id()).exitKind(RunnerExitKind.COMPLETED).exitCode(0)
                    .stdoutPath(stdout.toString()).tokenUsage(new TokenUsage(500, 0, 100, 0, 600))
                    .startedAt(clock.instant()).endedAt(clock.instant()).build();
        }
    }

    @Test
    void aTokenRulePausesBetweenStagesSurvivesARestartAndResumesWhenTheWindowFrees() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        CostlyRunner runner = new CostlyRunner(clock);
        MillraceConfig config = MillraceConfig.builder().usageGovernance(new UsageGovernanceConfig(true, true,
                "between_stages", "UTC", new RuntimeTokenRulesConfig(true,
                        List.of(new TokenRule("five-hours", UsageWindow.ROLLING_5H, "total_tokens", 1000))),
                SubscriptionQuotaRulesConfig.defaults())).build();

        try (MillraceRuntime runtime = build(ws, config, runner, clock)) {
            assertTrue(runtime.tick().ranStage(), "builder: 600 tokens");
            assertTrue(runtime.tick().ranStage(), "checker: 1200 tokens, over the budget");
            assertEquals("paused", runtime.tick().reason(), "the budget pauses before the next stage");
            assertEquals(List.of(PauseSource.USAGE_GOVERNANCE), runtime.snapshot().pauseSources());
            runtime.resume();
            assertEquals("paused", runtime.tick().reason(), "an operator resume cannot clear a governance pause");
        }
        assertEquals(2, runner.runs);

        try (MillraceRuntime runtime = build(ws, config, runner, clock)) {
            assertEquals("paused", runtime.tick().reason(), "the pause and the counted usage survive a restart");
            clock.advance(Duration.ofHours(5).plusMinutes(1));
            assertEquals("updater_complete", runtime.tick().reason(), "the window freed up: work resumes by itself");
        }
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(3, runner.runs, "each stage ran once; usage was counted once per result");
    }

    private static MillraceRuntime build(EngineFixture ws, MillraceConfig config, StageRunner runner, Clock clock) {
        return Millrace.builder().workspace(ws.root).config(config).runAllStagesWith(runner).discoverPlugins(false)
                .clock(clock).ids(IdGenerator.random()).build();
    }
}
