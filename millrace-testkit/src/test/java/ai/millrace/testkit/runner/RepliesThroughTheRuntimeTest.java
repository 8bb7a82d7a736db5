package ai.millrace.testkit.runner;

import static ai.millrace.testkit.assertions.MillraceAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.TickResult;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.testkit.MutableClock;
import ai.millrace.testkit.fixture.MillraceWorkspace;
import ai.millrace.testkit.fixture.Tasks;
import ai.millrace.testkit.junit.MillraceTest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each scripted failure, run through the real runtime, ends as the failure class it stands for. */
@MillraceTest
class RepliesThroughTheRuntimeTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("timeout", Reply.timeout(), "runner_timeout"),
                Arguments.of("crash", Reply.crash(), "runner_transport_failure"),
                Arguments.of("provider error", Reply.providerError(), "provider_failure"),
                Arguments.of("non-zero exit", Reply.exitCode(2), "runner_transport_failure"),
                Arguments.of("runner exception", Reply.throwing(new IllegalStateException("boom")),
                        "runner_transport_failure"),
                Arguments.of("missing marker", Reply.missingMarker(), "missing_terminal_result"),
                Arguments.of("illegal marker", Reply.illegalMarker(), "illegal_terminal_result"),
                Arguments.of("conflicting markers", Reply.conflictingMarkers(), "conflicting_terminal_results"),
                Arguments.of("garbage output", Reply.garbage(), "runner_transport_failure"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("failures")
    void aFailureGoesToRecoveryWithItsFailureClass(String name, Reply reply, String failureClass,
            MillraceWorkspace ws, ScriptedRunner runner, MillraceRuntime runtime) {
        ws.queue(Tasks.task("t1"));
        runner.on("builder").attempt(1).reply(reply);

        TickResult tick = runtime.tick();

        assertEquals("BLOCKED", tick.result().terminalResult().token());
        assertEquals(failureClass, tick.decision().failureClass());
        assertEquals("troubleshooter", tick.decision().nextStage().value());
        runtime.runUntilIdle();
        assertThat(ws).isIdle().task("t1").hasFailureClasses(failureClass)
                .ranStages("builder", "troubleshooter", "builder", "checker", "updater").endedIn(QueueState.DONE);
    }

    @Test
    void tokensArtifactsAndTimeReachTheRuntime(MillraceWorkspace ws, ScriptedRunner runner, MillraceRuntime runtime,
            MutableClock clock) throws Exception {
        ws.queue(Tasks.task("t1"));
        runner.on("builder").reply(Reply.success().withTokens(1000, 250).writing("summary.md", "# Built\n")
                .taking(Duration.ofMinutes(3)));

        TickResult tick = runtime.tick();

        assertEquals(1250, tick.result().tokenUsage().totalTokens());
        assertEquals(180.0, tick.result().durationSeconds());
        assertEquals(MutableClock.DEFAULT_START.plus(Duration.ofMinutes(3)), clock.instant());
        RuntimeEvent completed = ws.events().first("stage_completed").orElseThrow();
        assertEquals(1250, ((Number) ((Map<?, ?>) completed.data().get("token_usage")).get("total_tokens")).intValue());
        String runId = ws.recorder().last().request().runId();
        assertTrue(Files.exists(ws.paths().runDir(runId).resolve("summary.md")));
    }
}
