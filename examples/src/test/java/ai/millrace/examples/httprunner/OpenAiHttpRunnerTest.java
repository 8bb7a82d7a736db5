package ai.millrace.examples.httprunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.MillraceException;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.config.RunnersConfig;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import ai.millrace.api.spi.RunnerContext;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.api.spi.StageRunnerProvider;
import ai.millrace.core.Millrace;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import ai.millrace.testkit.compat.StageRunnerCompatibilityKit;
import ai.millrace.testkit.fakemodel.FakeModelServer;
import ai.millrace.testkit.fakemodel.FakeReply;
import ai.millrace.testkit.fakemodel.RecordedRequest;
import ai.millrace.testkit.fixture.Tasks;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAiHttpRunnerTest {

    private FakeModelServer server;

    @BeforeEach
    void startServer() {
        server = FakeModelServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** The kit's request: builder stage, markers BUILDER_COMPLETE and BLOCKED, model fake-model. */
    private static StageRunRequest request(Path dir, int timeoutSeconds) {
        return new StageRunnerCompatibilityKit() {
            @Override
            protected StageRunner runnerFor(Scenario scenario, Path workDir) {
                throw new UnsupportedOperationException();
            }

            StageRunRequest make() {
                return request(Scenario.SUCCEED, dir).toBuilder().timeoutSeconds(timeoutSeconds).build();
            }
        }.make();
    }

    private OpenAiHttpRunner runner() {
        return new OpenAiHttpRunner(URI.create(server.baseUrl()), null, "sk-test", Clock.systemUTC());
    }

    @Test
    void aBuilderStageCompletesWithTheMarkerAndUsage(@TempDir Path dir) throws Exception {
        server.enqueue(FakeReply.text("I built it.\n\n### BUILDER_COMPLETE").withUsage(120, 20, 30, 5));
        StageRunRequest request = request(dir, 30);

        RunnerRawResult result = runner().run(request);

        assertEquals(RunnerExitKind.COMPLETED, result.exitKind());
        Path stdout = Path.of(result.stdoutPath());
        assertEquals(request.runDirectory().resolve("runner_stdout." + request.requestId() + ".txt"), stdout);
        assertEquals("I built it.\n\n### BUILDER_COMPLETE", Files.readString(stdout));
        assertEquals(new TokenUsage(120, 20, 30, 5, 150), result.tokenUsage());
        assertEquals("fake-model", result.modelName());

        RecordedRequest sent = server.requests().get(0);
        assertEquals(RecordedRequest.CHAT_COMPLETIONS_PATH, sent.path());
        assertEquals("Bearer sk-test", sent.header("authorization"));
        JsonNode body = sent.json();
        assertFalse(body.path("stream").asBoolean(true));
        assertEquals("fake-model", body.path("model").asText());
        String prompt = body.path("messages").path(0).path("content").asText();
        assertTrue(prompt.contains(request.entrypointPath()), prompt);
        assertTrue(prompt.contains("Do the task, then print"), "the entrypoint is inlined: " + prompt);
        assertTrue(prompt.contains("### BUILDER_COMPLETE\n### BLOCKED\n"), prompt);
    }

    @Test
    void anHttpErrorIsAProviderError(@TempDir Path dir) throws Exception {
        server.enqueue(FakeReply.httpError(429, "{\"error\":{\"message\":\"quota\"}}"));

        RunnerRawResult result = runner().run(request(dir, 30));

        assertEquals(RunnerExitKind.PROVIDER_ERROR, result.exitKind());
        assertNull(result.stdoutPath());
        assertTrue(Files.readString(Path.of(result.stderrPath())).contains("HTTP 429"));
    }

    @Test
    void aSilentServerTimesOutAtTheRequestTimeout(@TempDir Path dir) {
        server.enqueue(FakeReply.text("never sent").hang());
        StageRunRequest request = request(dir, 1);

        RunnerRawResult result = runner().run(request);

        assertEquals(RunnerExitKind.TIMEOUT, result.exitKind());
        Duration took = Duration.between(result.startedAt(), result.endedAt());
        assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0 && took.compareTo(Duration.ofSeconds(10)) < 0,
                "took " + took);
    }

    @Test
    void anInterruptCancelsTheCallAndKeepsTheFlag(@TempDir Path dir) throws Exception {
        server.enqueue(FakeReply.text("never sent").hang());
        StageRunRequest request = request(dir, 600);
        AtomicReference<RunnerRawResult> result = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            result.set(runner().run(request));
            flag.set(Thread.currentThread().isInterrupted());
        });
        worker.start();
        server.awaitRequests(1, Duration.ofSeconds(30));   // the call is in flight
        worker.interrupt();
        worker.join(Duration.ofSeconds(10).toMillis());

        assertFalse(worker.isAlive(), "run() must return promptly after an interrupt");
        assertEquals(RunnerExitKind.INTERRUPTED, result.get().exitKind());
        assertTrue(flag.get(), "the interrupt flag stays set");
    }

    @Test
    void theProviderIsDiscoveredAndReadsItsTable(@TempDir Path dir) {
        StageRunnerProvider provider = ServiceLoader.load(StageRunnerProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.id().equals("openai_http")).findFirst().orElseThrow();
        RunnersConfig runners = new RunnersConfig("openai_http", RunnersConfig.defaults().codex(),
                RunnersConfig.defaults().pi(), Map.of("openai_http", Map.of("base_url", 42)));
        MillraceConfig config = MillraceConfig.builder().runners(runners).build();
        MillraceException e = assertThrows(MillraceException.class,
                () -> provider.create(new RunnerContext("openai_http", dir, config, Clock.systemUTC())));
        assertTrue(e.getMessage().contains("base_url"), e.getMessage());
    }

    @Test
    void theRuntimeRunsATaskToDoneThroughThePlugin(@TempDir Path workspace) throws Exception {
        WorkspaceInitializer.create().init(workspace);
        Path toml = WorkspacePaths.of(workspace).configFile();
        // The default_codex mode binds every stage to codex_cli; [stages.<stage>] runner wins over the mode.
        StringBuilder config = new StringBuilder(Files.readString(toml));
        config.append("\n[runners.openai_http]\nbase_url = \"").append(server.baseUrl())
                .append("\"\nmodel = \"fake-model\"\n");
        for (String stage : List.of("builder", "checker", "fixer", "doublechecker", "updater", "troubleshooter",
                "consultant", "planner", "manager", "mechanic", "auditor", "arbiter")) {
            config.append("\n[stages.").append(stage).append("]\nrunner = \"openai_http\"\n");
        }
        Files.writeString(toml, config);
        server.enqueue(FakeReply.text("Built.\n### BUILDER_COMPLETE"))
                .enqueue(FakeReply.text("Checked.\n### CHECKER_PASS"))
                .enqueue(FakeReply.text("Updated.\n### UPDATE_COMPLETE"));

        try (MillraceRuntime runtime = Millrace.builder().workspace(workspace).build()) {
            runtime.addTask(Tasks.task("t1").build());
            runtime.runUntilIdle();
        }

        assertTrue(Files.exists(WorkspacePaths.of(workspace).documentFile(WorkItemKind.TASK, QueueState.DONE, "t1")));
        List<RecordedRequest> seen = server.requests();
        assertEquals(3, seen.size());
        assertTrue(seen.get(1).json().path("messages").path(0).path("content").asText().contains("### CHECKER_PASS"));
    }
}
