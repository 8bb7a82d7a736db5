package ai.millrace.harness.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.StageId;
import ai.millrace.api.config.CodexRunnerConfig;
import ai.millrace.api.config.PermissionLevel;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against the real {@code @openai/codex} 0.169.0, installed with npm into
 * {@code target/npm} (reused when present), talking to the testkit's {@link FakeModelServer} over
 * loopback through {@code -c model_providers.fake.*} settings (spec 2.3). Skipped, with the reason,
 * where npm is missing or the package cannot be installed (no registry access). Set
 * {@code -Dmillrace.it.codex=/path/to/codex} to use an installed binary instead.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class CodexRealBinaryIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path codex;
    private static FakeModelServer server;

    @TempDir
    Path tmp;

    /** Why the tests cannot run here, or null when they can. */
    private static String skipReason;

    @BeforeAll
    static void installCodex() throws Exception {
        skipReason = RealCodex.skipReason();
        codex = RealCodex.binary();
        if (skipReason == null) {
            server = FakeModelServer.start();
        } else {
            System.err.println("CodexRealBinaryIT skipped: " + skipReason);
        }
    }

    /** Skips each test (so reports show the reason) when the real Codex is not available. */
    @BeforeEach
    void requireCodex() {
        Assumptions.assumeTrue(skipReason == null, () -> skipReason);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private CodexRunnerConfig config(Map<StageId, PermissionLevel> byStage) {
        List<String> extra = List.of(
                "model_provider=\"fake\"",
                "model_providers.fake.name=\"fake\"",
                "model_providers.fake.base_url=\"" + server.baseUrl() + "\"",
                "model_providers.fake.wire_api=\"responses\"",
                "model_providers.fake.request_max_retries=0",
                "model_providers.fake.stream_max_retries=0",
                "model_providers.fake.stream_idle_timeout_ms=60000");
        return new CodexRunnerConfig(codex.toString(), List.of("exec"), null, PermissionLevel.MAXIMUM, byStage,
                Map.of(), null, true, extra, Map.of());
    }

    private Path workspace() throws IOException {
        Path ws = tmp.resolve("workspace");
        Path agents = ws.resolve("millrace-agents");
        for (StageId stage : List.of(StageId.BUILDER, StageId.CHECKER, StageId.UPDATER)) {
            write(agents.resolve("entrypoints/execution/" + stage.value() + ".md"), "# " + stage.value()
                    + "\n\nDo the task in `millrace-agents/tasks/active/task-001.md`, then print the marker.\n");
        }
        write(agents.resolve("tasks/active/task-001.md"), "# task-001\n\nWrite out/proof.txt.\n");
        Files.createDirectories(agents.resolve("state"));
        return ws;
    }

    @Test
    void builderCheckerUpdaterAgainstTheRealCodex() throws Exception {
        Path ws = workspace();
        CodexStageRunner runner = CodexStageRunner.builder(ws)
                .config(config(Map.of(StageId.CHECKER, PermissionLevel.BASIC, StageId.UPDATER, PermissionLevel.ELEVATED)))
                .build();
        int before = server.requests().size();

        // Builder (maximum): a tool call that writes a file, then the final message with the marker.
        server.enqueue(FakeReply.toolCall("exec_command",
                        "{\"cmd\":\"mkdir -p out && echo built by codex > out/proof.txt\"}").withUsage(500, 0, 20, 0))
                .enqueue(FakeReply.text("Wrote out/proof.txt.\n\n### BUILDER_COMPLETE").withUsage(1000, 200, 30, 5));
        StageRunRequest builder = TestRequests.builder(ws, StageId.BUILDER, "request-it-builder").build();
        RunnerRawResult built = runner.run(builder);
        String diagnostics = diagnostics(builder);

        assertEquals(RunnerExitKind.COMPLETED, built.exitKind(), diagnostics);
        assertEquals(0, built.exitCode(), diagnostics);
        assertEquals(RunnerExitKind.COMPLETED, built.observedExitKind(), diagnostics);
        assertEquals("built by codex\n", Files.readString(ws.resolve("out/proof.txt")), "codex ran the tool call");
        assertTrue(Files.readString(Path.of(built.stdoutPath())).endsWith("### BUILDER_COMPLETE"), diagnostics);
        TokenUsage expected = new TokenUsage(1500, 200, 50, 5, 1550);
        assertEquals(expected, built.tokenUsage(), diagnostics);
        JsonNode completion = completion(builder);
        assertEquals(1550, completion.get("token_usage").get("total_tokens").asLong());
        assertEquals(1500, completion.get("token_usage").get("input_tokens").asLong());
        assertEquals(200, completion.get("token_usage").get("cached_input_tokens").asLong());
        assertEquals(5, completion.get("token_usage").get("thinking_tokens").asLong());
        List<RecordedRequest> requests = server.requests().subList(before, server.requests().size());
        List<RecordedRequest> model = requests.stream().filter(RecordedRequest::isModelRequest).toList();
        assertEquals(2, model.size(), "one request for the tool call, one after it: " + requests);
        assertEquals(1, model.get(1).toolResultCount(), "the second request carries the tool output");
        assertEquals("fake-model", model.get(0).json().path("model").asText());
        assertTrue(model.get(0).header("x-codex-turn-metadata").contains("danger-full-access"),
                model.get(0).header("x-codex-turn-metadata"));
        assertTrue(Files.readString(Path.of(built.eventLogPath())).contains("\"type\":\"command_execution\""));

        // Isolation: Codex wrote its state under the workspace, not into the operator's ~/.codex.
        Path codexHome = ws.resolve("millrace-agents/runners/codex/home/.codex");
        assertTrue(Files.isDirectory(codexHome.resolve("sessions")), "CODEX_HOME in the workspace was used");

        // Checker (basic = --sandbox workspace-write, which Codex 0.169 accepts; --full-auto is gone).
        server.enqueue(FakeReply.text("All checks pass.\n\n### CHECKER_PASS").withUsage(800, 0, 12, 0));
        StageRunRequest checker = TestRequests.builder(ws, StageId.CHECKER, "request-it-checker").build();
        RunnerRawResult checked = runner.run(checker);
        assertEquals(RunnerExitKind.COMPLETED, checked.exitKind(), diagnostics(checker));
        assertEquals(RunnerExitKind.COMPLETED, checked.observedExitKind(), diagnostics(checker));
        assertTrue(Files.readString(Path.of(checked.stdoutPath())).endsWith("### CHECKER_PASS"));
        assertEquals(new TokenUsage(800, 0, 12, 0, 812), checked.tokenUsage());
        RecordedRequest checkerRequest = last(server.requests());
        assertTrue(checkerRequest.header("x-codex-turn-metadata").contains("workspace-write"),
                checkerRequest.header("x-codex-turn-metadata"));
        assertTrue(checkerRequest.body().contains("Stage: checker"), "the stage prompt reached the model");

        // Updater (elevated), with a reasoning effort from the request, and the prompt through
        // stdin (`-` as the prompt argument), as for prompts too large for one argv element.
        server.enqueue(FakeReply.text("Updated.\n\n### UPDATE_COMPLETE").withUsage(700, 100, 9, 2));
        StageRunRequest updater = TestRequests.builder(ws, StageId.UPDATER, "request-it-updater")
                .modelReasoningEffort("high").build();
        CodexStageRunner viaStdin = CodexStageRunner.builder(ws).config(runner.config()).stdinPromptThreshold(0).build();
        RunnerRawResult updated = viaStdin.run(updater);
        JsonNode updaterCommand = completion(updater).get("command");
        assertEquals("-", updaterCommand.get(updaterCommand.size() - 1).asText());
        assertEquals(RunnerExitKind.COMPLETED, updated.exitKind(), diagnostics(updater));
        assertTrue(Files.readString(Path.of(updated.stdoutPath())).endsWith("### UPDATE_COMPLETE"));
        assertEquals(new TokenUsage(700, 100, 9, 2, 709), updated.tokenUsage());
        assertEquals("high", updated.modelReasoningEffort());
        RecordedRequest updaterRequest = last(server.requests());
        assertEquals("high", updaterRequest.json().path("reasoning").path("effort").asText());
        assertTrue(updaterRequest.body().contains("Stage: updater"), "the prompt read from stdin reached the model");
        assertFalse(updaterRequest.body().contains("<stdin>"), "the prompt was not sent twice");
        assertTrue(updaterRequest.header("x-codex-turn-metadata").contains("danger-full-access"));
        assertEquals(0, server.pendingReplies());
    }

    @Test
    void providerErrorFromTheRealCodex() throws Exception {
        Path ws = workspace();
        CodexStageRunner runner = CodexStageRunner.builder(ws).config(config(Map.of())).build();
        server.enqueue(FakeReply.httpError(500, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
        StageRunRequest request = TestRequests.builder(ws, StageId.BUILDER, "request-it-provider").build();

        RunnerRawResult raw = runner.run(request);

        assertEquals(RunnerExitKind.PROVIDER_ERROR, raw.exitKind(), diagnostics(request));
        assertEquals(1, raw.exitCode());
        assertNull(raw.observedExitKind());
        assertEquals("runner_provider_failure", completion(request).get("failure_class").asText());
        assertEquals("", Files.readString(Path.of(raw.stdoutPath())), "codex leaves an empty last message");
    }

    @Test
    void timeoutLeavesNoCodexProcess() throws Exception {
        Path ws = workspace();
        CodexStageRunner runner = CodexStageRunner.builder(ws).config(config(Map.of())).build();
        int before = server.requests().size();
        server.enqueue(FakeReply.text("never sent\n\n### BUILDER_COMPLETE").hang());
        String requestId = "request-it-timeout";
        StageRunRequest request = TestRequests.builder(ws, StageId.BUILDER, requestId).timeoutSeconds(5).build();

        // Watch every process whose command line names this run (the Node wrapper and the native
        // binary both carry the unique --output-last-message path), descendants of this JVM or not.
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "codex-it-process-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> {
            runProcesses(requestId).forEach(h -> seen.add(h.pid()));
            ProcessHandle.current().descendants().forEach(h -> seen.add(h.pid()));
        }, 0, 100, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        RunnerRawResult raw;
        try {
            raw = runner.run(request);
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(2, TimeUnit.SECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(RunnerExitKind.TIMEOUT, raw.exitKind(), diagnostics(request));
        assertEquals(124, raw.exitCode());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) >= 0 && took.compareTo(Duration.ofSeconds(20)) < 0,
                "took " + took);
        assertEquals("runner timed out after 5 seconds\n", Files.readString(Path.of(raw.stderrPath())));
        assertEquals("runner_timeout", completion(request).get("failure_class").asText());
        assertTrue(server.requests().size() > before, "codex reached the model before the timeout");
        assertTrue(seen.size() >= 2, "the Node wrapper and the native codex were both seen: " + seen);

        // Nothing of the run is left: not below this JVM, and not re-parented elsewhere (the orphan
        // of spec 2.8 pitfall 3 would still name this run's last-message file).
        List<String> alive = new ArrayList<>();
        for (long pid : seen) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .ifPresent(h -> alive.add(pid + " " + h.info().commandLine().orElse("?")));
        }
        assertEquals(List.of(), alive, "processes of the run still alive");
        assertEquals(List.of(), runProcesses(requestId).stream().map(ProcessHandle::pid).toList());
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList());
        Optional<Path> pgrep = ProcessTree.which("pgrep", System.getenv("PATH"));
        if (pgrep.isPresent()) {
            RealCodex.Result result = RealCodex.exec(List.of(pgrep.get().toString(), "-f", "runner_last_message." + requestId), tmp,
                    Duration.ofSeconds(10));
            assertEquals(1, result.code(), "pgrep -f found codex processes of the run: " + result.output());
        }
        // No process of the run is alive (above), so no late answer can arrive: the last message stays empty.
        Path last = request.runDirectory().resolve("runner_last_message." + requestId + ".txt");
        assertTrue(!Files.exists(last) || Files.size(last) == 0, "a late last message appeared");
    }

    private static List<ProcessHandle> runProcesses(String requestId) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(h -> h.pid() != self)
                .filter(h -> h.info().commandLine().map(c -> c.contains("runner_last_message." + requestId)).orElse(false))
                .filter(h -> !h.info().command().map(c -> c.endsWith("pgrep")).orElse(false))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    private static RecordedRequest last(List<RecordedRequest> requests) {
        assertFalse(requests.isEmpty());
        return requests.get(requests.size() - 1);
    }

    private static JsonNode completion(StageRunRequest request) throws IOException {
        return JSON.readTree(request.runDirectory().resolve("runner_completion." + request.requestId() + ".json")
                .toFile());
    }

    /** The run's stderr and completion, for assertion messages. */
    private static String diagnostics(StageRunRequest request) throws IOException {
        StringBuilder out = new StringBuilder("\n");
        for (String name : List.of("runner_stderr", "runner_completion", "runner_events")) {
            String ext = name.equals("runner_completion") ? ".json" : name.equals("runner_events") ? ".jsonl" : ".txt";
            Path file = request.runDirectory().resolve(name + "." + request.requestId() + ext);
            out.append("--- ").append(file.getFileName()).append('\n');
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                out.append(text.length() > 4000 ? text.substring(0, 4000) + "..." : text).append('\n');
            }
        }
        return out.toString();
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
