package ai.millrace.harness.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.StageId;
import ai.millrace.api.config.CodexRunnerConfig;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runner against a fake {@code codex} script: every way a stage can end. */
@Timeout(60)
class CodexStageRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String THREAD = "{\"type\":\"thread.started\",\"thread_id\":\"t-1\"}";
    static final String WARNING = "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_0\",\"type\":\"error\","
            + "\"message\":\"Model metadata for `fake-model` not found.\"}}";
    static final String TURN = "{\"type\":\"turn.started\"}";

    static String agentMessage(String text) {
        return "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_1\",\"type\":\"agent_message\",\"text\":"
                + JSON.valueToTree(text) + "}}";
    }

    static String turnCompleted(long input, long cached, long output, long reasoning) {
        return "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":" + input + ",\"cached_input_tokens\":"
                + cached + ",\"cache_write_input_tokens\":0,\"output_tokens\":" + output
                + ",\"reasoning_output_tokens\":" + reasoning + "}}";
    }

    @TempDir
    Path tmp;

    @Test
    void success() throws Exception {
        String message = "Did the work.\n\n### BUILDER_COMPLETE";
        FakeCodex codex = FakeCodex.in(tmp).stderr("Reading additional input from stdin...\n")
                .events(THREAD, WARNING, TURN, agentMessage(message), turnCompleted(5740, 0, 13, 0))
                .lastMessage(message);
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-success");

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.COMPLETED, raw.exitKind());
        assertEquals(0, raw.exitCode());
        // The original's reconciliation runs on every run: a clean success records what it observed.
        assertEquals(RunnerExitKind.COMPLETED, raw.observedExitKind());
        assertEquals(0, raw.observedExitCode());
        assertEquals("req-success", raw.requestId());
        assertEquals(request.runId(), raw.runId());
        assertEquals(StageId.BUILDER, raw.stage());
        assertEquals("codex_cli", raw.runnerName());
        assertEquals("fake-model", raw.modelName());
        assertNull(raw.terminalResultPath());
        assertEquals(new TokenUsage(5740, 0, 13, 0, 5753), raw.tokenUsage());
        assertFalse(raw.endedAt().isBefore(raw.startedAt()));

        Path runDir = request.runDirectory();
        assertEquals(runDir.resolve("runner_stdout.req-success.txt").toString(), raw.stdoutPath());
        assertEquals(message, read(raw.stdoutPath()));
        assertEquals(runDir.resolve("runner_events.req-success.jsonl").toString(), raw.eventLogPath());
        assertTrue(read(raw.eventLogPath()).startsWith(THREAD + "\n"));
        assertEquals("Reading additional input from stdin...\n", read(raw.stderrPath()));
        assertEquals(message, read(runDir.resolve("runner_last_message.req-success.txt").toString()));
        String prompt = read(runDir.resolve("runner_prompt.req-success.md").toString());
        assertTrue(prompt.startsWith("You are executing one Millrace runtime stage request.\n"));
        assertTrue(prompt.contains("\nLegal markers for this stage: `### BUILDER_COMPLETE`, `### BLOCKED`.\n"));

        // The prompt went on the command line and stdin was /dev/null.
        List<String> argv = codex.argv();
        assertEquals(prompt, argv.get(argv.size() - 1));
        assertEquals("", codex.read("stdin"));
        assertEquals(codex.workspace.toRealPath().toString(), codex.read("pwd").strip());

        JsonNode completion = completion(request);
        assertEquals(List.of("schema_version", "kind", "request_id", "run_id", "stage", "request_kind",
                "active_work_item_id", "closure_target_root_spec_id", "runner_name", "model_reasoning_effort",
                "exit_kind", "exit_code", "observed_exit_kind", "observed_exit_code", "stdout_path", "stderr_path",
                "terminal_result_path", "event_log_path", "token_usage", "started_at", "ended_at", "failure_class",
                "notes", "command", "emitted_at"), keys(completion));
        assertEquals("completed", completion.get("exit_kind").asText());
        assertTrue(completion.get("failure_class").isNull());
        assertEquals("runner timeout reconciled after final terminal marker ### BUILDER_COMPLETE",
                completion.get("notes").get(0).asText());
        assertEquals(5753, completion.get("token_usage").get("total_tokens").asLong());
        assertEquals(List.of("input_tokens", "cached_input_tokens", "output_tokens", "thinking_tokens",
                "total_tokens"), keys(completion.get("token_usage")));
        List<String> command = strings(completion.get("command"));
        assertEquals(codex.executable.toString(), command.get(0));
        assertEquals(argv, command.subList(1, command.size()), "the fake records its arguments after argv[0]");

        JsonNode invocation = JSON.readTree(request.runDirectory().resolve("runner_invocation.req-success.json").toFile());
        assertEquals(List.of("schema_version", "kind", "request_id", "run_id", "stage", "request_kind",
                "active_work_item_id", "closure_target_root_spec_id", "runner_name", "model_name",
                "model_reasoning_effort", "command", "prompt_path", "emitted_at"), keys(invocation));
        assertEquals(command, strings(invocation.get("command")));
        assertEquals("task-001", invocation.get("active_work_item_id").asText());
        // No temporary files are left behind by the atomic writes.
        try (var files = Files.list(runDir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void missingMarkerIsLeftToTheRuntime() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage("I did it."), turnCompleted(10, 0, 2, 0))
                .lastMessage("I did it.");
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-missing");

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.COMPLETED, raw.exitKind());
        assertEquals(0, raw.exitCode());
        assertNull(raw.observedExitKind());
        assertNull(raw.observedExitCode());
        assertEquals("I did it.", read(raw.stdoutPath()));
        assertTrue(completion(request).get("notes").isEmpty());
    }

    @Test
    void illegalMarkerIsNotReconciled() throws Exception {
        String message = "Done.\n### CHECKER_PASS\n";
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage(message)).lastMessage(message)
                .exitCode(0);
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-illegal");

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.COMPLETED, raw.exitKind());
        assertNull(raw.observedExitKind());
        assertEquals(message, read(raw.stdoutPath()));
    }

    @Test
    void conflictingMarkersAreNotReconciled() throws Exception {
        String message = "### BUILDER_COMPLETE\nthen again\n### BLOCKED";
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage(message)).lastMessage(message)
                .exitCode(3);
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-conflict");

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.RUNNER_ERROR, raw.exitKind());
        assertEquals(3, raw.exitCode());
        assertNull(raw.observedExitKind());
        assertEquals(message, read(raw.stdoutPath()));
        JsonNode completion = completion(request);
        assertEquals("runner_non_zero_exit", completion.get("failure_class").asText());
        assertEquals("runner exited with non-zero status", completion.get("notes").get(0).asText());
    }

    @Test
    void nonZeroExitWithoutMarker() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).stderr("error: unexpected argument '--full-auto' found\n").exitCode(2);
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-nonzero");

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.RUNNER_ERROR, raw.exitKind());
        assertEquals(2, raw.exitCode());
        assertNull(raw.tokenUsage());
        // Codex created the last-message file empty: the runtime finds no marker in an empty stdout.
        assertEquals("", read(raw.stdoutPath()));
        assertEquals("error: unexpected argument '--full-auto' found\n", read(raw.stderrPath()));
        assertEquals("runner_non_zero_exit", completion(request).get("failure_class").asText());
    }

    @Test
    void nonZeroExitEndingWithALegalMarkerIsReconciled() throws Exception {
        String message = "Finished.\n\n### BLOCKED\n";
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage(message)).lastMessage(message)
                .exitCode(1);
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-nonzero-marker");

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.COMPLETED, raw.exitKind());
        assertEquals(0, raw.exitCode());
        assertEquals(RunnerExitKind.RUNNER_ERROR, raw.observedExitKind());
        assertEquals(1, raw.observedExitCode());
        JsonNode completion = completion(request);
        assertTrue(completion.get("failure_class").isNull());
        assertEquals("runner timeout reconciled after final terminal marker ### BLOCKED",
                completion.get("notes").get(0).asText());
    }

    @Test
    void crash() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN).crash();
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-crash");

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.RUNNER_ERROR, raw.exitKind());
        assertEquals(128 + 11, raw.exitCode());
        assertEquals("runner_non_zero_exit", completion(request).get("failure_class").asText());
    }

    @Test
    void timeoutKillsTheWholeTreeGrandchildIncluded() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN).hang().withGrandchild()
                .lastMessage("too late\n\n### BUILDER_COMPLETE\n");
        StageRunRequest request = TestRequests.builder(codex.workspace, StageId.BUILDER, "req-timeout")
                .timeoutSeconds(1).build();

        long start = System.nanoTime();
        RunnerRawResult raw = codex.runner().run(request);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(RunnerExitKind.TIMEOUT, raw.exitKind());
        assertEquals(124, raw.exitCode());
        assertNull(raw.observedExitKind());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
        assertEquals("runner timed out after 1 seconds\n", read(raw.stderrPath()));
        JsonNode completion = completion(request);
        assertEquals("runner_timeout", completion.get("failure_class").asText());
        assertEquals("runner process exceeded timeout", completion.get("notes").get(0).asText());
        // Codex had only created the last-message file: stdout is empty, as in the original's timeout run.
        assertEquals("", read(raw.stdoutPath()));

        for (String pidFile : List.of("pid", "child.pid", "sleeper.pid")) {
            long pid = codex.pid(pidFile);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    pidFile + " " + pid + " is still alive");
        }
        // Every process of the tree is dead (above), so none can write its survival marker later.
        assertFalse(codex.has("survived"));
        assertFalse(codex.has("grandchild_survived"));
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList());
    }

    @Test
    void timeoutAfterTheFinalMessageIsReconciled() throws Exception {
        String message = "Done before the deadline.\n\n### BUILDER_COMPLETE\n";
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage(message)).lastMessage(message)
                .messageBeforeHang().hang();
        StageRunRequest request = TestRequests.builder(codex.workspace, StageId.BUILDER, "req-late")
                .timeoutSeconds(1).build();

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.COMPLETED, raw.exitKind());
        assertEquals(0, raw.exitCode());
        assertEquals(RunnerExitKind.TIMEOUT, raw.observedExitKind());
        assertEquals(124, raw.observedExitCode());
        assertEquals(message, read(raw.stdoutPath()));
        JsonNode completion = completion(request);
        assertEquals("timeout", completion.get("observed_exit_kind").asText());
        assertEquals(124, completion.get("observed_exit_code").asInt());
        assertEquals("runner timeout reconciled after final terminal marker ### BUILDER_COMPLETE",
                completion.get("notes").get(0).asText());
    }

    @Test
    void interruptCancelsAndKillsTheTree() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN).hang().withGrandchild();
        StageRunRequest request = TestRequests.builder(codex.workspace, StageId.BUILDER, "req-cancel")
                .timeoutSeconds(60).build();
        CodexStageRunner runner = codex.runner();
        AtomicReference<RunnerRawResult> result = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            result.set(runner.run(request));
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        worker.start();
        codex.await("sleeper.pid", Duration.ofSeconds(20));
        long start = System.nanoTime();
        worker.interrupt();
        worker.join(20_000);
        assertFalse(worker.isAlive());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);

        RunnerRawResult raw = result.get();
        assertEquals(RunnerExitKind.INTERRUPTED, raw.exitKind());
        assertEquals(130, raw.exitCode());
        assertTrue(flagAfter.get(), "the interrupt flag is left set");
        assertEquals("runner_interrupted", completion(request).get("failure_class").asText());
        for (String pidFile : List.of("pid", "child.pid", "sleeper.pid")) {
            assertFalse(ProcessHandle.of(codex.pid(pidFile)).map(ProcessHandle::isAlive).orElse(false), pidFile);
        }
    }

    @Test
    void interruptedBeforeTheStartStartsNothing() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN);
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-pre-cancel");
        Thread.currentThread().interrupt();
        RunnerRawResult raw;
        try {
            raw = codex.runner().run(request);
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt flag is left set (and cleared here)");
        }
        assertEquals(RunnerExitKind.INTERRUPTED, raw.exitKind());
        assertFalse(codex.has("pid"));
        assertTrue(Files.exists(request.runDirectory().resolve("runner_invocation.req-pre-cancel.json")));
        assertEquals("runner_interrupted", completion(request).get("failure_class").asText());
    }

    @Test
    void hugeOutputOnStdoutAndStderr() throws Exception {
        String message = "Big run.\n### BUILDER_COMPLETE";
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN).huge(2000)
                .eventsAfterNoise(agentMessage(message), "not json at all", turnCompleted(100, 10, 20, 5))
                .lastMessage(message);
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-huge");

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.COMPLETED, raw.exitKind());
        assertTrue(Files.size(Path.of(raw.eventLogPath())) > 4_000_000, "stdout is MBs");
        assertTrue(Files.size(Path.of(raw.stderrPath())) > 4_000_000, "stderr is MBs");
        assertEquals(message, read(raw.stdoutPath()));
        assertEquals(new TokenUsage(100, 10, 20, 5, 120), raw.tokenUsage());
    }

    @Test
    void binaryNotFoundStartsNothing() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp);
        CodexRunnerConfig config = new CodexRunnerConfig("/nonexistent/bin/codex", List.of("exec"), null,
                codex.config().permissionDefault(), Map.of(), Map.of(), null, true, List.of(), Map.of());
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-nobin");

        RunnerRawResult raw = codex.runnerBuilder().config(config).build().run(request);

        assertEquals(RunnerExitKind.RUNNER_ERROR, raw.exitKind());
        assertEquals(127, raw.exitCode());
        assertNull(raw.stdoutPath());
        assertNull(raw.eventLogPath());
        assertNull(raw.tokenUsage());
        assertEquals("runner binary not found: /nonexistent/bin/codex\n", read(raw.stderrPath()));
        JsonNode completion = completion(request);
        assertEquals("runner_binary_not_found", completion.get("failure_class").asText());
        assertEquals("runner executable missing", completion.get("notes").get(0).asText());
        assertTrue(completion.get("event_log_path").isNull());
        assertTrue(Files.exists(request.runDirectory().resolve("runner_invocation.req-nobin.json")));
        assertTrue(Files.exists(request.runDirectory().resolve("runner_prompt.req-nobin.md")));
        assertFalse(Files.exists(request.runDirectory().resolve("runner_events.req-nobin.jsonl")));
    }

    @Test
    void missingWorkspaceIsATransportFailureNotAMissingBinary() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN);
        Path gone = tmp.resolve("no-such-workspace");
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-noworkspace");

        RunnerRawResult raw = CodexStageRunner.builder(gone).config(codex.config()).build().run(request);

        assertEquals(RunnerExitKind.RUNNER_ERROR, raw.exitKind());
        assertEquals(1, raw.exitCode());
        assertFalse(codex.has("pid"));
        JsonNode completion = completion(request);
        assertEquals("runner_transport_failure", completion.get("failure_class").asText());
        assertTrue(completion.get("notes").get(0).asText().startsWith("workspace root is not a directory"));
        assertTrue(read(raw.stderrPath()).startsWith("runner process error: workspace root is not a directory"));
    }

    @Test
    void bareCommandIsLookedUpOnTheChildsPath() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage("### BUILDER_COMPLETE"));
        CodexRunnerConfig config = new CodexRunnerConfig("codex", List.of("exec"), null,
                codex.config().permissionDefault(), Map.of(), Map.of(), null, true, List.of(),
                Map.of("FAKE_CODEX_DIR", codex.scenario.toString(),
                        "PATH", codex.executable.getParent() + ":/usr/bin:/bin"));
        RunnerRawResult found = codex.runnerBuilder().config(config).build()
                .run(TestRequests.builder(codex.workspace, "req-onpath"));
        assertEquals(RunnerExitKind.COMPLETED, found.exitKind());
        assertEquals("codex", completion(TestRequests.builder(codex.workspace, "req-onpath")).get("command").get(0).asText());

        RunnerRawResult missing = codex.runnerBuilder().config(new CodexRunnerConfig("codex", List.of("exec"), null, codex.config().permissionDefault(),
                        Map.of(), Map.of(), null, true, List.of(), Map.of()))
                .build().run(TestRequests.builder(codex.workspace, "req-offpath"));
        assertEquals(127, missing.exitCode());
        assertEquals("runner binary not found: codex\n", read(missing.stderrPath()));
    }

    @Test
    void largePromptGoesThroughStdin() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage("### BUILDER_COMPLETE"));
        List<String> skills = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            skills.add(codex.workspace.resolve("millrace-agents/skills/attached-skill-number-" + i
                    + "/with/a/fairly/long/path/SKILL.md").toString());
        }
        StageRunRequest request = TestRequests.builder(codex.workspace, StageId.BUILDER, "req-bigprompt")
                .attachedSkillPaths(skills).build();

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.COMPLETED, raw.exitKind());
        String prompt = read(request.runDirectory().resolve("runner_prompt.req-bigprompt.md").toString());
        assertTrue(prompt.getBytes(StandardCharsets.UTF_8).length > 128 * 1024, "bigger than one argv element may be");
        List<String> argv = codex.argv();
        assertEquals("-", argv.get(argv.size() - 1));
        assertEquals(prompt, codex.read("stdin"));
    }

    @Test
    void smallPromptThresholdIsConfigurable() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage("### BUILDER_COMPLETE"));
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-threshold");
        codex.runnerBuilder().stdinPromptThreshold(100).build().run(request);
        assertEquals("-", codex.argv().get(codex.argv().size() - 1));
        assertEquals(read(request.runDirectory().resolve("runner_prompt.req-threshold.md").toString()),
                codex.read("stdin"));
    }

    @Test
    void providerErrorFromTurnFailed() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).stderr("Reading additional input from stdin...\n")
                .events(THREAD, WARNING, TURN,
                        "{\"type\":\"error\",\"message\":\"We're currently experiencing high demand, which may cause temporary errors.\"}",
                        "{\"type\":\"turn.failed\",\"error\":{\"message\":\"We're currently experiencing high demand, which may cause temporary errors.\"}}")
                .lastMessage("").exitCode(1);
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-provider");

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.PROVIDER_ERROR, raw.exitKind());
        assertEquals(1, raw.exitCode());
        assertNull(raw.tokenUsage());
        assertEquals("", read(raw.stdoutPath()));
        JsonNode completion = completion(request);
        assertEquals("runner_provider_failure", completion.get("failure_class").asText());
        assertEquals("codex turn failed: We're currently experiencing high demand, which may cause temporary errors.",
                completion.get("notes").get(0).asText());
    }

    @Test
    void retryNoticesFollowedBySuccessAreNotAFailure() throws Exception {
        String message = "Recovered.\n\n### BUILDER_COMPLETE";
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN,
                "{\"type\":\"error\",\"message\":\"Reconnecting... 1/5 (stream disconnected before completion)\"}",
                "{\"type\":\"error\",\"message\":\"Reconnecting... 2/5 (stream disconnected before completion)\"}",
                agentMessage(message), turnCompleted(300, 0, 9, 0)).lastMessage(message);
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-retry");

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.COMPLETED, raw.exitKind());
        assertEquals(RunnerExitKind.COMPLETED, raw.observedExitKind());
        JsonNode notes = completion(request).get("notes");
        assertEquals("codex reported 2 error event(s) before the turn completed (retry or reconnect notices)",
                notes.get(1).asText());
    }

    @Test
    void unknownEventsAndBadLinesAreTolerated() throws Exception {
        String message = "Fine.\n### BUILDER_COMPLETE";
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD,
                "{\"type\":\"something.new\",\"payload\":[1,2,3]}",
                "garbage line",
                "{\"type\":\"item.completed\",\"item\":{\"type\":\"agent_message\",\"text\":",
                "[1,2,3]",
                "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_3\",\"type\":\"todo_list\",\"items\":[]}}",
                "{\"no_type\":true}",
                TURN, agentMessage(message), turnCompleted(50, 0, 5, 1),
                "{\"type\":\"another.unknown\"}");
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-unknown");

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.COMPLETED, raw.exitKind());
        // No last-message file content: the final message comes from the last agent_message event.
        assertEquals(message, read(raw.stdoutPath()));
        assertEquals(new TokenUsage(50, 0, 5, 1, 55), raw.tokenUsage());
    }

    @Test
    void emptyLastMessageFileFallsBackToTheAgentMessage() throws Exception {
        String message = "From the stream.\n### BUILDER_COMPLETE";
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage(message)).lastMessage("");
        StageRunRequest request = TestRequests.builder(codex.workspace, "req-empty-last");

        RunnerRawResult raw = codex.runner().run(request);

        assertEquals(RunnerExitKind.COMPLETED, raw.exitKind());
        assertEquals(RunnerExitKind.COMPLETED, raw.observedExitKind());
        assertEquals(message, read(raw.stdoutPath()));
    }

    @Test
    void environmentIsIsolatedInTheWorkspaceByDefault() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage("### BUILDER_COMPLETE"));
        codex.runner().run(TestRequests.builder(codex.workspace, "req-env"));

        Path home = codex.workspace.resolve("millrace-agents/runners/codex/home");
        assertEquals(home.toString(), codex.read("env_home"));
        assertEquals(home.resolve(".codex").toString(), codex.read("env_codex_home"));
        assertTrue(Files.isDirectory(home.resolve(".codex")), "CODEX_HOME must exist before codex starts");
        assertFalse(Files.exists(tmp.resolve("operator-home")), "the operator's home is never touched");
    }

    @Test
    void environmentHomesAreConfigurable() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage("### BUILDER_COMPLETE"));
        CodexStageRunner runner = codex.runnerBuilder()
                .config(codex.config().withHomes("agent-home", tmp.resolve("ch").toString(), false)).build();
        runner.run(TestRequests.builder(codex.workspace, "req-env2"));
        assertEquals(codex.workspace.resolve("agent-home").toString(), codex.read("env_home"));
        assertEquals(tmp.resolve("ch").toString(), codex.read("env_codex_home"));
        assertTrue(Files.isDirectory(tmp.resolve("ch")));
    }

    @Test
    void inheritHomeLeavesTheOperatorsHome() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage("### BUILDER_COMPLETE"));
        CodexStageRunner runner = codex.runnerBuilder().config(codex.config().withHomes(null, null, true)).build();
        runner.run(TestRequests.builder(codex.workspace, "req-env3"));
        assertEquals(tmp.resolve("operator-home").toString(), codex.read("env_home"));
        assertEquals("<unset>", codex.read("env_codex_home"));
        assertFalse(Files.exists(codex.workspace.resolve("millrace-agents/runners")));
    }

    @Test
    void configuredEnvWinsAndReachesTheChild() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage("### BUILDER_COMPLETE"));
        CodexRunnerConfig base = codex.config();
        CodexRunnerConfig config = new CodexRunnerConfig(base.command(), base.args(), null, base.permissionDefault(),
                Map.of(), Map.of(), null, true, List.of(), Map.of("FAKE_CODEX_DIR", codex.scenario.toString(),
                        "FAKE_EXTRA", "yes", "CODEX_HOME", tmp.resolve("explicit").toString()));
        codex.runnerBuilder().config(config).build().run(TestRequests.builder(codex.workspace, "req-env4"));
        assertEquals("yes", codex.read("env_extra"));
        assertEquals(tmp.resolve("explicit").toString(), codex.read("env_codex_home"));
        assertTrue(Files.isDirectory(tmp.resolve("explicit")));
    }

    @Test
    void runsMayOverlap() throws Exception {
        FakeCodex codex = FakeCodex.in(tmp).events(THREAD, TURN, agentMessage("### BUILDER_COMPLETE"),
                turnCompleted(1, 0, 1, 0));
        CodexStageRunner runner = codex.runner();
        List<Thread> threads = new ArrayList<>();
        List<RunnerRawResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            String id = "req-par-" + i;
            threads.add(new Thread(() -> results.add(runner.run(TestRequests.builder(codex.workspace, id)))));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertEquals(4, results.size());
        results.forEach(r -> assertEquals(RunnerExitKind.COMPLETED, r.exitKind(), r.requestId()));
    }

    @Test
    void providerBuildsTheRunnerFromTheConfig() {
        FakeCodex codex = FakeCodex.in(tmp);
        var config = ai.millrace.api.config.MillraceConfig.builder()
                .runners(new ai.millrace.api.config.RunnersConfig("codex_cli", codex.config(),
                        ai.millrace.api.config.PiRunnerConfig.defaults(), Map.of()))
                .build();
        CodexRunnerProvider provider = new CodexRunnerProvider();
        assertEquals("codex_cli", provider.id());
        var runner = provider.create(new ai.millrace.api.spi.RunnerContext("codex_cli", codex.workspace, config,
                java.time.Clock.systemUTC()));
        assertEquals("codex_cli", runner.id());
        assertEquals(codex.config(), ((CodexStageRunner) runner).config());

        Optional<ai.millrace.api.spi.StageRunnerProvider> loaded = java.util.ServiceLoader
                .load(ai.millrace.api.spi.StageRunnerProvider.class).stream()
                .map(java.util.ServiceLoader.Provider::get).filter(p -> p.id().equals("codex_cli")).findFirst();
        assertTrue(loaded.isPresent());
        assertTrue(loaded.get() instanceof CodexRunnerProvider);
    }

    @Test
    void providerRejectsBadExtraConfig() {
        FakeCodex codex = FakeCodex.in(tmp);
        CodexRunnerConfig bad = codex.config(ai.millrace.api.config.PermissionLevel.BASIC, List.of("no_equals_sign"));
        var config = ai.millrace.api.config.MillraceConfig.builder()
                .runners(new ai.millrace.api.config.RunnersConfig("codex_cli", bad,
                        ai.millrace.api.config.PiRunnerConfig.defaults(), Map.of()))
                .build();
        var e = org.junit.jupiter.api.Assertions.assertThrows(ai.millrace.api.MillraceException.class,
                () -> new CodexRunnerProvider().create(new ai.millrace.api.spi.RunnerContext("codex_cli",
                        codex.workspace, config, java.time.Clock.systemUTC())));
        assertEquals(ai.millrace.api.ErrorCode.CONFIG_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("extra_config[0]"), e.getMessage());
    }

    static String read(String path) throws IOException {
        assertNotNull(path);
        return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    }

    static JsonNode completion(StageRunRequest request) throws IOException {
        return JSON.readTree(request.runDirectory().resolve("runner_completion." + request.requestId() + ".json")
                .toFile());
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(keys::add);
        return keys;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
