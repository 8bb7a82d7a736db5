package ai.millrace.harness.pi;

import ai.millrace.api.internal.harness.StagePrompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.config.EventLogPolicy;
import ai.millrace.api.config.PiRunnerConfig;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import ai.millrace.harness.pi.internal.PiSessionSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link PiStageRunner} against fake {@code pi} executables that speak the RPC protocol. */
class PiStageRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-15T12:00:00Z"), ZoneOffset.UTC);
    private static final PiSessionSettings FAST = new PiSessionSettings(Duration.ofSeconds(3600),
            Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofMillis(500));
    /** For runs whose fake answers the abort: the drain ends at the answer, so a long grace costs nothing. */
    private static final PiSessionSettings PATIENT = new PiSessionSettings(Duration.ofSeconds(3600),
            Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofMillis(500));

    @TempDir
    Path workspace;

    private PiStageRunner runner(Path script, EventLogPolicy policy, PiSessionSettings settings) {
        PiRunnerConfig config = new PiRunnerConfig(script.toString(), List.of(), "fake", null, null, true, true,
                policy, Map.of());
        return new PiStageRunner(config, workspace, CLOCK, settings, System.getenv());
    }

    private FakePi fake() {
        return FakePi.in(workspace.resolve("fake-pi"));
    }

    private static JsonNode completion(RunnerRawResult result, StageRunRequest request) throws IOException {
        return JSON.readTree(request.runDirectory().resolve("runner_completion." + request.requestId() + ".json").toFile());
    }

    private static List<String> notes(JsonNode completion) {
        List<String> notes = new ArrayList<>();
        completion.get("notes").forEach(n -> notes.add(n.asText()));
        return notes;
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void aTextReplyCompletesWithTheTextUsageAndArtifacts() throws IOException {
        FakePi fake = fake();
        Path script = fake.write();
        StageRunRequest request = TestRequests.builder(workspace, "req-ok", 60);

        RunnerRawResult result = runner(script, EventLogPolicy.FAILURE_FULL, FAST).run(request);

        assertEquals(RunnerExitKind.COMPLETED, result.exitKind());
        assertEquals(0, result.exitCode());
        assertEquals("pi_rpc", result.runnerName());
        assertEquals("fake-model", result.modelName());
        Path stdout = request.runDirectory().resolve("runner_stdout.req-ok.txt");
        assertEquals(stdout.toString(), result.stdoutPath());
        assertEquals("Done.\n\n### BUILDER_COMPLETE", Files.readString(stdout));
        assertEquals(new TokenUsage(632, 0, 13, 0, 645), result.tokenUsage());
        assertNull(result.eventLogPath(), "failure_full keeps no log for a completed run");
        assertFalse(Files.exists(request.runDirectory().resolve("runner_events.req-ok.jsonl")));
        assertEquals("", Files.readString(request.runDirectory().resolve("runner_stderr.req-ok.txt")));
        assertEquals(StagePrompt.render(request),
                Files.readString(request.runDirectory().resolve("runner_prompt.req-ok.md")));

        assertEquals(List.of("--mode", "rpc", "--no-session", "--provider", "fake", "--model", "fake-model",
                "--no-context-files", "--no-skills"), fake.args());
        List<String> commands = fake.commands();
        assertEquals(4, commands.size(), commands::toString);
        assertEquals("{\"id\":\"auto-retry-1\",\"type\":\"set_auto_retry\",\"enabled\":false}", commands.get(0));
        JsonNode prompt = JSON.readTree(commands.get(1));
        assertEquals("prompt-1", prompt.get("id").asText());
        assertEquals(StagePrompt.render(request), prompt.get("message").asText());
        assertEquals("{\"id\":\"last-assistant-1\",\"type\":\"get_last_assistant_text\"}", commands.get(2));
        assertEquals("{\"id\":\"session-stats-1\",\"type\":\"get_session_stats\"}", commands.get(3));

        JsonNode completion = completion(result, request);
        assertEquals(List.of("schema_version", "kind", "request_id", "run_id", "stage", "request_kind",
                "active_work_item_id", "closure_target_root_spec_id", "runner_name", "model_reasoning_effort",
                "exit_kind", "exit_code", "observed_exit_kind", "observed_exit_code", "stdout_path", "stderr_path",
                "terminal_result_path", "event_log_path", "token_usage", "started_at", "ended_at", "failure_class",
                "notes", "command", "emitted_at"), keys(completion));
        assertEquals("completed", completion.get("exit_kind").asText());
        assertTrue(completion.get("failure_class").isNull());
        assertEquals(List.of(), notes(completion));
        assertEquals("2026-04-15T12:00:00Z", completion.get("ended_at").asText());
        assertEquals(1105 - 1105 + 645, completion.get("token_usage").get("total_tokens").asInt());
        JsonNode invocation = JSON.readTree(request.runDirectory().resolve("runner_invocation.req-ok.json").toFile());
        assertEquals(script.toString(), invocation.get("command").get(0).asText());
        assertEquals(request.runDirectory().resolve("runner_prompt.req-ok.md").toString(),
                invocation.get("prompt_path").asText());
    }

    @Test
    void piRunsInAnIsolatedHomeUnderTheWorkspace() throws IOException {
        FakePi fake = fake();
        Path script = fake.write();
        runner(script, EventLogPolicy.FAILURE_FULL, FAST).run(TestRequests.builder(workspace, "req-env", 60));

        List<String> env = Files.readAllLines(fake.dir().resolve("env.txt"));
        Path root = workspace.toAbsolutePath().resolve("millrace-agents/runners/pi");
        assertTrue(env.contains("HOME=" + root.resolve("home")), env::toString);
        assertTrue(env.contains("PI_CODING_AGENT_DIR=" + root.resolve("agent")), env::toString);
        assertTrue(env.contains("PI_OFFLINE=1"), env::toString);
        assertTrue(Files.isDirectory(root.resolve("agent")));
    }

    @Test
    void configuredEnvironmentOverridesTheIsolationDefaults() throws IOException {
        FakePi fake = fake();
        Path script = fake.write();
        PiRunnerConfig config = new PiRunnerConfig(script.toString(), List.of(), null, "cfg-model", "high", false,
                false, EventLogPolicy.FAILURE_FULL, Map.of("PI_OFFLINE", "0", "EXTRA", "yes"));
        PiStageRunner runner = new PiStageRunner(config, workspace, CLOCK, FAST, System.getenv());
        StageRunRequest request = TestRequests.forStage(ai.millrace.api.StageId.BUILDER, workspace, "req-cfg", 60, null);

        RunnerRawResult result = runner.run(request);

        List<String> env = Files.readAllLines(fake.dir().resolve("env.txt"));
        assertTrue(env.contains("PI_OFFLINE=0") && env.contains("EXTRA=yes"), env::toString);
        assertEquals(List.of("--mode", "rpc", "--no-session", "--model", "cfg-model", "--thinking", "high"), fake.args());
        assertEquals("cfg-model", result.modelName());
    }

    @Test
    void aProviderErrorWithoutTextIsAProviderErrorWithTheMessageInTheNotes() throws IOException {
        FakePi fake = fake()
                .on("prompt", FakePi.respond("prompt-1", "prompt", null)
                        + FakePi.lines(FakePi.errorRun("400 status code (no body)")))
                .on("get_last_assistant_text", FakePi.respond("last-assistant-1", "get_last_assistant_text", "{}"))
                .on("get_session_stats", FakePi.respond("session-stats-1", "get_session_stats", FakePi.stats(0, 0, 0, 0)));
        StageRunRequest request = TestRequests.builder(workspace, "req-400", 60);

        RunnerRawResult result = runner(fake.write(), EventLogPolicy.FAILURE_FULL, FAST).run(request);

        assertEquals(RunnerExitKind.PROVIDER_ERROR, result.exitKind());
        assertEquals(1, result.exitCode());
        assertNull(result.stdoutPath());
        assertFalse(Files.exists(request.runDirectory().resolve("runner_stdout.req-400.txt")));
        JsonNode completion = completion(result, request);
        assertEquals("runner_provider_failure", completion.get("failure_class").asText());
        assertEquals(List.of("pi provider error: 400 status code (no body)"), notes(completion));
        Path log = request.runDirectory().resolve("runner_events.req-400.jsonl");
        assertEquals(log.toString(), result.eventLogPath(), "failure_full keeps the log of a failed run");
        assertEquals(FakePi.errorRun("400 status code (no body)"), Files.readAllLines(log));
        assertEquals(4, fake.commands().size(), "retry was off, so the run ended at the failed agent_end");
    }

    @Test
    void anAutomaticRetryIsFollowedToItsSuccessfulEndWhenItCannotBeSwitchedOff() throws IOException {
        List<String> events = new ArrayList<>(FakePi.errorRun("503 overloaded"));
        events.add("{\"type\":\"auto_retry_start\",\"attempt\":1,\"maxAttempts\":3,\"delayMs\":2000,"
                + "\"errorMessage\":\"503 overloaded\"}");
        List<String> retry = new ArrayList<>(FakePi.textRun("Second try.\n### BUILDER_COMPLETE"));
        retry.add(retry.size() - 2, "{\"type\":\"auto_retry_end\",\"success\":true,\"attempt\":1}");
        events.addAll(retry);
        FakePi fake = fake()
                // Like Pi's answer to a command it does not know: a failed response without the id.
                .on("set_auto_retry", FakePi.emit("{\"type\":\"response\",\"command\":\"set_auto_retry\","
                        + "\"success\":false,\"error\":\"Unknown command: set_auto_retry\"}"))
                .on("prompt", FakePi.respond("prompt-1", "prompt", null) + FakePi.lines(events))
                .on("get_last_assistant_text", FakePi.respond("last-assistant-1", "get_last_assistant_text",
                        "{\"text\":\"Second try.\\n### BUILDER_COMPLETE\"}"));
        StageRunRequest request = TestRequests.builder(workspace, "req-retry", 60);

        RunnerRawResult result = runner(fake.write(), EventLogPolicy.FULL, FAST).run(request);

        assertEquals(RunnerExitKind.COMPLETED, result.exitKind());
        assertEquals("Second try.\n### BUILDER_COMPLETE", Files.readString(Path.of(result.stdoutPath())));
        assertEquals(List.of("pi auto-retry attempt 1 of 3 after provider error: 503 overloaded"),
                notes(completion(result, request)));
        List<String> log = Files.readAllLines(Path.of(result.eventLogPath()));
        assertEquals(events.stream().filter(e -> !e.contains("message_update")).count(), log.size());
        assertTrue(log.get(log.size() - 1).startsWith("{\"type\":\"agent_end\""));
    }

    @Test
    void anExhaustedAutomaticRetryIsAProviderError() throws IOException {
        List<String> events = new ArrayList<>(FakePi.errorRun("503 overloaded"));
        events.add("{\"type\":\"auto_retry_end\",\"success\":false,\"attempt\":3,\"finalError\":\"503 still overloaded\"}");
        FakePi fake = fake()
                .on("set_auto_retry", FakePi.reject("auto-retry-1", "set_auto_retry", "not now"))
                .on("prompt", FakePi.respond("prompt-1", "prompt", null) + FakePi.lines(events))
                .on("get_last_assistant_text", FakePi.respond("last-assistant-1", "get_last_assistant_text", "{}"));
        StageRunRequest request = TestRequests.builder(workspace, "req-exhausted", 60);

        RunnerRawResult result = runner(fake.write(), EventLogPolicy.FAILURE_FULL, FAST).run(request);

        assertEquals(RunnerExitKind.PROVIDER_ERROR, result.exitKind());
        assertEquals(List.of("pi rpc set_auto_retry unavailable; following automatic retries instead",
                "pi provider error: 503 still overloaded"), notes(completion(result, request)));
    }

    @Test
    void aTimeoutAbortsTheRunAndPiExitsWhenStdinCloses() throws IOException {
        String aborted = "{\"role\":\"assistant\",\"content\":[],\"stopReason\":\"aborted\","
                + "\"errorMessage\":\"Request was aborted.\"}";
        FakePi fake = fake()
                .on("prompt", FakePi.respond("prompt-1", "prompt", null)
                        + FakePi.lines(List.of("{\"type\":\"agent_start\"}", "{\"type\":\"turn_start\"}")))
                .on("abort", FakePi.lines(List.of("{\"type\":\"message_end\",\"message\":" + aborted + "}",
                        "{\"type\":\"turn_end\",\"message\":" + aborted + "}",
                        "{\"type\":\"agent_end\",\"messages\":[" + aborted + "]}"))
                        + FakePi.respond("abort-1", "abort", null));
        StageRunRequest request = TestRequests.builder(workspace, "req-abort", 1);

        RunnerRawResult result = runner(fake.write(), EventLogPolicy.FAILURE_FULL, PATIENT).run(request);

        assertEquals(RunnerExitKind.TIMEOUT, result.exitKind());
        assertEquals(124, result.exitCode());
        assertNull(result.tokenUsage());
        assertNull(result.stdoutPath());
        JsonNode completion = completion(result, request);
        assertEquals("runner_timeout", completion.get("failure_class").asText());
        assertEquals(List.of("runner process exceeded timeout", "sent pi rpc abort command",
                "pi rpc aborted the run cleanly", "pi rpc process exited after stdin was closed"), notes(completion));
        List<String> log = Files.readAllLines(Path.of(result.eventLogPath()));
        assertEquals(5, log.size(), log::toString);
        assertTrue(log.get(4).contains("\"aborted\""));
        assertFalse(ProcessHandle.of(fake.pid()).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(fake.commands().get(2).contains("\"type\":\"abort\""));
    }

    @Test
    void aProcessThatNeverAnswersIsKilledWithItsWholeTree() throws IOException {
        FakePi fake = fake()
                .preamble("trap '' TERM\nsleep 300 &\necho $! > \"$D/grandchild.pid\"")
                .on("set_auto_retry", ":").on("prompt", ":").on("abort", ":")
                .onEof("wait");
        StageRunRequest request = TestRequests.builder(workspace, "req-hang", 1);

        RunnerRawResult result = runner(fake.write(), EventLogPolicy.FAILURE_FULL, FAST).run(request);

        assertEquals(RunnerExitKind.TIMEOUT, result.exitKind());
        List<String> notes = notes(completion(result, request));
        assertEquals(List.of("runner process exceeded timeout", "sent pi rpc abort command",
                "pi rpc did not acknowledge abort within 500ms grace period",
                "pi rpc process tree killed: still running 2s after stdin was closed"), notes);
        long grandchild = Long.parseLong(Files.readString(fake.dir().resolve("grandchild.pid")).strip());
        assertFalse(ProcessHandle.of(fake.pid()).map(ProcessHandle::isAlive).orElse(false), "pi is dead");
        assertFalse(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false), "its child is dead");
        assertNull(result.eventLogPath(), "nothing was said, so there is no event log");
    }

    @Test
    void unknownEventsAndForeignResponsesAreKeptOrSkippedWithoutBreakingTheRun() throws IOException {
        List<String> events = new ArrayList<>(FakePi.textRun("ok\n### BUILDER_COMPLETE"));
        events.add(1, "{\"type\":\"extension_ui_request\",\"id\":\"ui-1\",\"method\":\"notify\"}");
        events.add(3, "{\"type\":\"something_new\",\"payload\":{\"nested\":[1,2,3]}}");
        events.add(4, "{\"id\":\"other-9\",\"type\":\"response\",\"command\":\"steer\",\"success\":true}");
        events.add(5, "{\"type\":\"queue_update\",\"steering\":[],\"followUp\":[]}");
        FakePi fake = fake().on("prompt", FakePi.respond("prompt-1", "prompt", null) + FakePi.lines(events));
        StageRunRequest request = TestRequests.builder(workspace, "req-unknown", 60);

        RunnerRawResult result = runner(fake.write(), EventLogPolicy.FULL, FAST).run(request);

        assertEquals(RunnerExitKind.COMPLETED, result.exitKind());
        List<String> expected = events.stream()
                .filter(e -> !e.startsWith("{\"type\":\"message_update\"") && !e.contains("\"type\":\"response\""))
                .collect(java.util.stream.Collectors.toList());
        assertEquals(expected, Files.readAllLines(Path.of(result.eventLogPath())));
    }

    @Test
    void hugeOutputOnBothStreamsNeitherBlocksNorReachesTheEventLog() throws IOException {
        int textBytes = 2_000_000;
        String shell = FakePi.respond("prompt-1", "prompt", null)
                + "CHUNK=$(head -c 10000 /dev/zero | tr '\\0' u)\n"
                + "i=0; while [ $i -lt 1500 ]; do printf '{\"type\":\"message_update\",\"partial\":\"%s\"}\\n' \"$CHUNK\";"
                + " i=$((i+1)); done\n"
                + "head -c 3000000 /dev/zero | tr '\\0' e >&2\n"
                + FakePi.lines(FakePi.textRun("short"));
        String text = "BIG=$(head -c " + textBytes + " /dev/zero | tr '\\0' a)\n"
                + "printf '{\"id\":\"last-assistant-1\",\"type\":\"response\",\"command\":\"get_last_assistant_text\","
                + "\"success\":true,\"data\":{\"text\":\"%s\\\\n### BUILDER_COMPLETE\"}}\\n' \"$BIG\"";
        FakePi fake = fake().on("prompt", shell).on("get_last_assistant_text", text);
        StageRunRequest request = TestRequests.builder(workspace, "req-huge", 60);

        RunnerRawResult result = runner(fake.write(), EventLogPolicy.FULL, FAST).run(request);

        assertEquals(RunnerExitKind.COMPLETED, result.exitKind());
        String stdout = Files.readString(Path.of(result.stdoutPath()));
        assertEquals(textBytes + "\n### BUILDER_COMPLETE".length(), stdout.length());
        assertTrue(stdout.endsWith("a\n### BUILDER_COMPLETE"));
        assertEquals(3_000_000, Files.size(Path.of(result.stderrPath())));
        assertTrue(Files.size(Path.of(result.eventLogPath())) < 10_000, "message_update snapshots are dropped");
    }

    @Test
    void aMissingBinaryIsReportedAsBinaryNotFound() throws IOException {
        PiRunnerConfig config = new PiRunnerConfig(workspace.resolve("no/such/pi").toString(), List.of(), null, null,
                null, true, true, EventLogPolicy.FAILURE_FULL, Map.of());
        StageRunRequest request = TestRequests.builder(workspace, "req-missing", 60);

        RunnerRawResult result = new PiStageRunner(config, workspace, CLOCK, FAST, System.getenv()).run(request);

        assertEquals(RunnerExitKind.RUNNER_ERROR, result.exitKind());
        assertEquals(127, result.exitCode());
        assertEquals("runner binary not found: " + workspace.resolve("no/such/pi") + "\n",
                Files.readString(Path.of(result.stderrPath())));
        JsonNode completion = completion(result, request);
        assertEquals("runner_binary_not_found", completion.get("failure_class").asText());
        assertEquals(List.of("runner executable missing"), notes(completion));
        assertTrue(Files.exists(request.runDirectory().resolve("runner_invocation.req-missing.json")));
    }

    @Test
    void aBareCommandNameIsLookedUpOnTheConfiguredPath() throws IOException {
        FakePi fake = fake();
        fake.write();
        PiRunnerConfig config = new PiRunnerConfig("pi", List.of(), null, null, null, true, true,
                EventLogPolicy.FAILURE_FULL, Map.of("PATH", fake.dir() + ":/usr/bin:/bin"));
        RunnerRawResult found = new PiStageRunner(config, workspace, CLOCK, FAST, System.getenv())
                .run(TestRequests.builder(workspace, "req-path", 60));
        assertEquals(RunnerExitKind.COMPLETED, found.exitKind());

        PiRunnerConfig missing = new PiRunnerConfig("pi", List.of(), null, null, null, true, true,
                EventLogPolicy.FAILURE_FULL, Map.of("PATH", workspace.resolve("empty").toString()));
        RunnerRawResult notFound = new PiStageRunner(missing, workspace, CLOCK, FAST, System.getenv())
                .run(TestRequests.builder(workspace, "req-nopath", 60));
        assertEquals(127, notFound.exitCode());
    }

    @Test
    void aPiThatDiesBeforeAnsweringIsATransportFailureKeepingItsStderr() throws IOException {
        FakePi fake = fake().preamble("echo 'Error: Unknown provider \"nosuchprov\"' >&2\nexit 1");
        StageRunRequest request = TestRequests.builder(workspace, "req-dead", 60);

        RunnerRawResult result = runner(fake.write(), EventLogPolicy.FAILURE_FULL, FAST).run(request);

        assertEquals(RunnerExitKind.RUNNER_ERROR, result.exitKind());
        assertEquals(1, result.exitCode());
        JsonNode completion = completion(result, request);
        assertEquals("runner_transport_failure", completion.get("failure_class").asText());
        String stderr = Files.readString(Path.of(result.stderrPath()));
        assertTrue(stderr.startsWith("Error: Unknown provider \"nosuchprov\"\n"), stderr);
        assertTrue(notes(completion).get(0).startsWith("pi rpc stream ended before response")
                || notes(completion).get(0).startsWith("failed to write to pi rpc stdin"), notes(completion)::toString);
        assertTrue(stderr.contains("runner process error: "), stderr);
    }

    @Test
    void aCrashMidRunIsAnIncompleteStreamWithTheExitCode() throws IOException {
        FakePi fake = fake().on("prompt", FakePi.respond("prompt-1", "prompt", null)
                + FakePi.lines(List.of("{\"type\":\"agent_start\"}")) + "exit 3");
        StageRunRequest request = TestRequests.builder(workspace, "req-crash", 60);

        RunnerRawResult result = runner(fake.write(), EventLogPolicy.FAILURE_FULL, FAST).run(request);

        assertEquals(RunnerExitKind.RUNNER_ERROR, result.exitKind());
        JsonNode completion = completion(result, request);
        assertEquals("runner_incomplete_rpc_stream", completion.get("failure_class").asText());
        assertEquals(List.of("pi rpc stream ended before agent_end", "pi process exited with code 3"), notes(completion));
        assertEquals(List.of("{\"type\":\"agent_start\"}"), Files.readAllLines(Path.of(result.eventLogPath())));
    }

    @Test
    void aRejectedPromptIsARunnerError() throws IOException {
        FakePi fake = fake().on("prompt", FakePi.reject("prompt-1", "prompt", "No API key found for the selected model."));
        StageRunRequest request = TestRequests.builder(workspace, "req-rejected", 60);

        RunnerRawResult result = runner(fake.write(), EventLogPolicy.FAILURE_FULL, FAST).run(request);

        assertEquals(RunnerExitKind.RUNNER_ERROR, result.exitKind());
        JsonNode completion = completion(result, request);
        assertEquals("runner_rpc_rejected", completion.get("failure_class").asText());
        assertEquals(List.of("No API key found for the selected model."), notes(completion));
    }

    @Test
    void anEmptyAnswerIsARunnerError() throws IOException {
        FakePi fake = fake().on("get_last_assistant_text",
                FakePi.respond("last-assistant-1", "get_last_assistant_text", "{}"));
        StageRunRequest request = TestRequests.builder(workspace, "req-empty", 60);

        RunnerRawResult result = runner(fake.write(), EventLogPolicy.FAILURE_FULL, FAST).run(request);

        assertEquals(RunnerExitKind.RUNNER_ERROR, result.exitKind());
        assertNull(result.stdoutPath());
        assertEquals("runner_empty_assistant_text", completion(result, request).get("failure_class").asText());
        assertEquals(new TokenUsage(632, 0, 13, 0, 645), result.tokenUsage());
    }

    @Test
    void cachedTokensAreCountedAsInputLikeCodexDoes() throws IOException {
        FakePi fake = fake().on("get_session_stats",
                FakePi.respond("session-stats-1", "get_session_stats", FakePi.stats(0, 6, 616, 0)));
        RunnerRawResult result = runner(fake.write(), EventLogPolicy.FAILURE_FULL, FAST)
                .run(TestRequests.builder(workspace, "req-cache", 60));

        assertEquals(new TokenUsage(616, 616, 6, 0, 622), result.tokenUsage());
    }

    @Test
    void lineSeparatorsInsideRecordsDoNotSplitThemAndCrLfIsAccepted() throws IOException {
        String text = "para\u2028graph\u2029end\n### BUILDER_COMPLETE";
        FakePi fake = fake()
                .on("prompt", FakePi.respond("prompt-1", "prompt", null)
                        + "printf '%s\\r\\n' " + FakePi.quote("{\"type\":\"agent_start\",\"note\":\"a\u2028b\"}") + "\n"
                        + FakePi.lines(FakePi.textRun(text).subList(1, FakePi.textRun(text).size())))
                .on("get_last_assistant_text", FakePi.respond("last-assistant-1", "get_last_assistant_text",
                        "{\"text\":" + FakePi.jsonString(text) + "}"));
        RunnerRawResult result = runner(fake.write(), EventLogPolicy.FULL, FAST)
                .run(TestRequests.builder(workspace, "req-sep", 60));

        assertEquals(RunnerExitKind.COMPLETED, result.exitKind());
        assertEquals(text, Files.readString(Path.of(result.stdoutPath()), StandardCharsets.UTF_8));
        String firstLine = Files.readAllLines(Path.of(result.eventLogPath()), StandardCharsets.UTF_8).get(0);
        assertEquals("{\"type\":\"agent_start\",\"note\":\"a\u2028b\"}", firstLine);
    }

    @Test
    void interruptingTheCallerAbortsTheRunAndKeepsTheInterruptFlag() throws Exception {
        FakePi fake = fake().on("prompt", FakePi.respond("prompt-1", "prompt", null)
                + FakePi.emit("{\"type\":\"agent_start\"}"));
        Path script = fake.write();
        StageRunRequest request = TestRequests.builder(workspace, "req-int", 600);
        AtomicReference<RunnerRawResult> result = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            result.set(runner(script, EventLogPolicy.FAILURE_FULL, PATIENT).run(request));
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        worker.start();
        Await.until(Duration.ofSeconds(20), "the prompt to reach pi", () -> {
            try {
                return fake.commands().size() >= 2;
            } catch (IOException e) {
                return false;
            }
        });
        worker.interrupt();
        worker.join(Duration.ofSeconds(20).toMillis());

        assertFalse(worker.isAlive());
        assertEquals(RunnerExitKind.INTERRUPTED, result.get().exitKind());
        assertEquals(130, result.get().exitCode());
        assertTrue(flagKept.get(), "the interrupt flag is restored");
        assertEquals(List.of("runner interrupted by caller", "sent pi rpc abort command",
                "pi rpc acknowledged the abort command", "pi rpc process exited after stdin was closed"),
                notes(completion(result.get(), request)));
        assertFalse(ProcessHandle.of(fake.pid()).map(ProcessHandle::isAlive).orElse(false));
    }
}
