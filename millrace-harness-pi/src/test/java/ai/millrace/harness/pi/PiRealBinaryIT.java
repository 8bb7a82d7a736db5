package ai.millrace.harness.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.StageId;
import ai.millrace.api.config.EventLogPolicy;
import ai.millrace.api.config.PiRunnerConfig;
import ai.millrace.api.internal.process.ProcessTree;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import ai.millrace.testkit.fakemodel.FakeModelServer;
import ai.millrace.testkit.fakemodel.FakeReply;
import ai.millrace.testkit.fakemodel.RecordedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link PiStageRunner} against the real {@code @mariozechner/pi-coding-agent} 0.73.1, installed
 * with npm into {@code target/npm} (reused when already there), talking to the testkit's fake model
 * server through a {@code models.json}. Skipped, with a message, when npm is missing or the install
 * fails.
 */
class PiRealBinaryIT {
    static final String PI_PACKAGE = "@mariozechner/pi-coding-agent";
    static final String PI_VERSION = "0.73.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path pi;

    @TempDir
    Path workspace;

    private FakeModelServer server;

    @BeforeAll
    static void installPi() throws Exception {
        Path prefix = Path.of(System.getProperty("millrace.pi.npmPrefix", "target/npm")).toAbsolutePath();
        Path bin = prefix.resolve("node_modules/.bin/pi");
        if (!installedVersion(prefix).equals(Optional.of(PI_VERSION)) || !Files.isExecutable(bin)) {
            Optional<Path> npm = ProcessTree.which("npm", System.getenv("PATH"));
            Assumptions.assumeTrue(npm.isPresent(),
                    "npm is not on the PATH: skipping the integration test with the real Pi " + PI_VERSION);
            Files.createDirectories(prefix);
            Path log = prefix.resolve("npm-install.log");
            boolean installed = false;
            // Twice: a registry mirror that has not caught up with a transitive dependency fails an
            // install (ETARGET) that succeeds a moment later.
            for (int attempt = 0; attempt < 2 && !installed; attempt++) {
                Process install = new ProcessBuilder(npm.get().toString(), "install", "--prefix", prefix.toString(),
                        "--no-audit", "--no-fund", PI_PACKAGE + "@" + PI_VERSION)
                        .directory(prefix.toFile())
                        .redirectInput(ProcessTree.nullFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                boolean done = install.waitFor(5, TimeUnit.MINUTES);
                if (!done) {
                    install.destroyForcibly();
                }
                installed = done && install.exitValue() == 0 && Files.isExecutable(bin);
            }
            Assumptions.assumeTrue(installed,
                    () -> "npm install " + PI_PACKAGE + "@" + PI_VERSION + " failed (no registry access?);"
                            + " skipping the integration test with the real Pi. npm output: " + tail(log));
        }
        pi = bin;
    }

    @BeforeEach
    void startServer() throws IOException {
        server = FakeModelServer.start();
        PiAgentHome.forWorkspace(workspace).writeOpenAiCompletionsProvider("fake", server.baseUrl(), "dummy-key",
                List.of("fake-model"));
        for (StageId stage : List.of(StageId.BUILDER, StageId.CHECKER, StageId.UPDATER)) {
            write("entrypoints/" + stage.value() + ".md", "# " + stage.value() + "\n\nDo the task, then print the marker.\n");
        }
        write("tasks/task-001.md", "# task-001\n\nWrite pi_hello.txt.\n");
        Files.createDirectories(workspace.resolve("state"));
    }

    @org.junit.jupiter.api.AfterEach
    void stopServer() {
        server.close();
    }

    private PiStageRunner runner() {
        PiRunnerConfig config = new PiRunnerConfig(pi.toString(), List.of(), "fake", null, null, true, true,
                EventLogPolicy.FULL, Map.of());
        return new PiStageRunner(config, workspace, Clock.systemUTC());
    }

    @Test
    void builderCheckerAndUpdaterRunWithTheRealPiIncludingABashToolCall() throws IOException {
        PiStageRunner runner = runner();
        server.enqueue(FakeReply.toolCall("bash", "{\"command\": \"echo 'written by pi bash tool' > pi_hello.txt\"}"))
                .enqueue(FakeReply.text("Wrote the file.\n\n### BUILDER_COMPLETE").withUsage(700, 600, 13, 0));

        RunnerRawResult builder = runner.run(TestRequests.forStage(StageId.BUILDER, workspace, "req-it-builder", 120,
                "fake-model"));

        assertCompleted(builder, "### BUILDER_COMPLETE");
        assertEquals("written by pi bash tool\n", Files.readString(workspace.resolve("pi_hello.txt")));
        List<RecordedRequest> requests = server.requests().stream().filter(RecordedRequest::isModelRequest)
                .collect(Collectors.toList());
        assertEquals(2, requests.size(), requests::toString);
        assertEquals(1, requests.get(1).toolResultCount(), "the second request carries the tool result");
        // Pi counts 10 + 100 uncached input, 600 cache reads and 5 + 13 output over the two calls.
        assertEquals(new TokenUsage(710, 600, 18, 0, 728), builder.tokenUsage());
        List<String> events = Files.readAllLines(Path.of(builder.eventLogPath()), StandardCharsets.UTF_8);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("{\"type\":\"tool_execution_end\"")), "tool events logged");
        assertTrue(events.stream().noneMatch(e -> e.contains("\"type\":\"message_update\"")), "no message_update");

        server.enqueue(FakeReply.text("Checked.\n\n### CHECKER_PASS"));
        assertCompleted(runner.run(TestRequests.forStage(StageId.CHECKER, workspace, "req-it-checker", 120,
                "fake-model")), "### CHECKER_PASS");

        server.enqueue(FakeReply.text("Updated.\n\n### UPDATE_COMPLETE"));
        assertCompleted(runner.run(TestRequests.forStage(StageId.UPDATER, workspace, "req-it-updater", 120,
                "fake-model")), "### UPDATE_COMPLETE");

        String prompt = server.requests().get(server.requests().size() - 1).json().toString();
        assertTrue(prompt.contains("Legal markers for this stage: `### UPDATE_COMPLETE`, `### BLOCKED`."), prompt);
    }

    @Test
    void aProviderErrorEndsTheRunOnceWithoutPiRetrying() throws IOException {
        server.fallback(FakeReply.httpError(400, "{\"error\":{\"message\":\"bad request from the fake\"}}"));
        StageRunRequest request = TestRequests.builder(workspace, "req-it-400", 120);

        RunnerRawResult result = runner().run(request);

        assertEquals(RunnerExitKind.PROVIDER_ERROR, result.exitKind());
        assertNull(result.stdoutPath());
        JsonNode completion = completion(request);
        assertEquals("runner_provider_failure", completion.get("failure_class").asText());
        String notes = completion.get("notes").toString();
        assertTrue(notes.contains("pi provider error: 400"), notes);
        String log = Files.readString(Path.of(result.eventLogPath()));
        assertFalse(log.contains("auto_retry_start"), "automatic retry is off");
    }

    @Test
    void aHangingModelTimesOutAndNoPiProcessIsLeft() throws Exception {
        server.enqueue(FakeReply.text("never sent").hang());
        // Long enough for a cold Node start on a busy machine; the model then hangs past it.
        StageRunRequest request = TestRequests.builder(workspace, "req-it-hang", 10);
        AtomicReference<RunnerRawResult> result = new AtomicReference<>();
        Thread worker = new Thread(() -> result.set(runner().run(request)), "pi-it-hang");
        worker.start();

        Await.until(Duration.ofSeconds(60), "pi to call the model or the run to end",
                () -> !server.requests().isEmpty() || !worker.isAlive());
        assertFalse(server.requests().isEmpty(), () -> "pi never called the model before the run ended: "
                + (result.get() == null ? "no result" : read(result.get().stderrPath())));
        List<ProcessHandle> piTree = ProcessHandle.current().descendants().collect(Collectors.toList());
        assertFalse(piTree.isEmpty(), "pi is running while the model hangs");
        worker.join(Duration.ofSeconds(60).toMillis());

        assertFalse(worker.isAlive(), "run() returned");
        assertEquals(RunnerExitKind.TIMEOUT, result.get().exitKind());
        assertEquals(124, result.get().exitCode());
        List<String> notes = JSON.convertValue(completion(request).get("notes"),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        assertEquals(List.of("runner process exceeded timeout", "sent pi rpc abort command",
                "pi rpc aborted the run cleanly", "pi rpc process exited after stdin was closed"), notes);
        List<ProcessHandle> alive = piTree.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
        assertEquals(List.of(), alive, "no process of the pi tree is left");
        assertTrue(Files.readString(Path.of(result.get().eventLogPath())).contains("\"stopReason\":\"aborted\""));
    }

    private void assertCompleted(RunnerRawResult result, String marker) throws IOException {
        assertEquals(RunnerExitKind.COMPLETED, result.exitKind(), () -> "stderr: " + read(result.stderrPath()));
        assertEquals(0, result.exitCode());
        String text = Files.readString(Path.of(result.stdoutPath()), StandardCharsets.UTF_8);
        assertTrue(text.lines().anyMatch(marker::equals), text);
        assertTrue(result.tokenUsage() != null && result.tokenUsage().totalTokens() > 0, String.valueOf(result.tokenUsage()));
    }

    private JsonNode completion(StageRunRequest request) throws IOException {
        return JSON.readTree(request.runDirectory().resolve("runner_completion." + request.requestId() + ".json").toFile());
    }

    private void write(String relative, String text) throws IOException {
        Path file = workspace.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String read(String path) {
        try {
            return path == null ? "" : Files.readString(Path.of(path));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Optional<String> installedVersion(Path prefix) {
        Path packageJson = prefix.resolve("node_modules/" + PI_PACKAGE + "/package.json");
        try {
            return Optional.ofNullable(JSON.readTree(packageJson.toFile()).path("version").asText(null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String tail(Path log) {
        String text = read(log.toString());
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }
}
