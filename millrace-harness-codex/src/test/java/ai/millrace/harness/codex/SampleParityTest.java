package ai.millrace.harness.codex;

import ai.millrace.api.internal.harness.StagePrompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.config.CodexRunnerConfig;
import ai.millrace.api.config.PermissionLevel;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.harness.codex.internal.RunArtifacts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Byte-for-byte parity with the artifacts the Python original wrote when it drove the real Codex
 * (spec samples {@code harness-runs/codex_*}).
 */
class SampleParityTest {
    static final List<String> RIG_EXTRA_CONFIG = List.of(
            "model_provider=\"fake\"",
            "model_providers.fake.name=\"fake\"",
            "model_providers.fake.base_url=\"http://127.0.0.1:18080/v1\"",
            "model_providers.fake.wire_api=\"responses\"",
            "model_providers.fake.request_max_retries=0",
            "model_providers.fake.stream_max_retries=0");

    static StageRunRequest rigRequest(String name, int timeout) {
        return StageRunRequest.builder()
                .stage(StageMetadataRegistry.builtIn().require(StageId.BUILDER))
                .requestId("req-" + name)
                .runId("run-" + name)
                .modeId("default_codex")
                .compiledPlanId("plan-rig")
                .entrypointPath("/srv/rig/workspace/entrypoints/builder.md")
                .entrypointContractId("builder.contract.v1")
                .activeWorkItemKind(WorkItemKind.TASK)
                .activeWorkItemId("task-rig-001")
                .activeWorkItemPath("/srv/rig/workspace/tasks/task-rig-001.md")
                .runDir("/srv/rig/runs/" + name)
                .runtimeSnapshotPath("/srv/rig/workspace/state/runtime_snapshot.json")
                .recoveryCountersPath("/srv/rig/workspace/state/recovery_counters.json")
                .summaryStatusPath("/srv/rig/workspace/state/execution_status.md")
                .runnerName("codex_cli")
                .modelName("fake-model")
                .timeoutSeconds(timeout)
                .build();
    }

    static String sample(String path) throws IOException {
        try (InputStream in = SampleParityTest.class.getResourceAsStream("/samples/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void promptMatchesTheOriginal() throws IOException {
        assertEquals(sample("harness-runs/codex_basic/runner_prompt.req-codex_basic.md"),
                StagePrompt.render(rigRequest("codex_basic", 60)));
        assertEquals(sample("harness-runs/codex_timeout/runner_prompt.req-codex_timeout.md"),
                StagePrompt.render(rigRequest("codex_timeout", 3)));
    }

    private static List<String> rigCommand(StageRunRequest request) {
        CodexRunnerConfig config = new CodexRunnerConfig("/srv/rig/node_modules/.bin/codex", List.of("exec"), null,
                PermissionLevel.MAXIMUM, Map.of(), Map.of(), null, true, RIG_EXTRA_CONFIG, Map.of());
        return CodexStageRunner.builder(java.nio.file.Path.of("/srv/rig/workspace")).config(config).build()
                .commandLine(request);
    }

    @Test
    void invocationMatchesTheOriginal() throws IOException {
        StageRunRequest request = rigRequest("codex_basic", 60);
        String json = RunArtifacts.of(request).invocationJson(request, "codex_cli", null, rigCommand(request),
                Instant.parse("2026-11-24T02:38:00.515208Z"));
        assertEquals(sample("harness-runs/codex_basic/runner_invocation.req-codex_basic.json"), json);
    }

    @Test
    void completionMatchesTheOriginal() throws IOException {
        StageRunRequest request = rigRequest("codex_basic", 60);
        RunnerRawResult raw = RunnerRawResult.builder()
                .requestId(request.requestId()).runId(request.runId()).stage(request.stage())
                .runnerName("codex_cli").modelName("fake-model")
                .exitKind(RunnerExitKind.COMPLETED).exitCode(0)
                .observedExitKind(RunnerExitKind.COMPLETED).observedExitCode(0)
                .stdoutPath("/srv/rig/runs/codex_basic/runner_stdout.req-codex_basic.txt")
                .stderrPath("/srv/rig/runs/codex_basic/runner_stderr.req-codex_basic.txt")
                .eventLogPath("/srv/rig/runs/codex_basic/runner_events.req-codex_basic.jsonl")
                .startedAt(Instant.parse("2026-11-24T02:38:00.515938Z"))
                .endedAt(Instant.parse("2026-11-24T02:38:00.989965Z"))
                .build();
        String json = RunArtifacts.completionJson(request, raw, null,
                List.of("runner timeout reconciled after final terminal marker ### BUILDER_COMPLETE"),
                rigCommand(request), Instant.parse("2026-11-24T02:38:00.990568Z"));
        assertEquals(sample("harness-runs/codex_basic/runner_completion.req-codex_basic.json"), json);
    }

    @Test
    void timeoutCompletionMatchesTheOriginal() throws IOException {
        StageRunRequest request = rigRequest("codex_timeout", 3);
        List<String> command = rigCommand(request).stream()
                .map(s -> s.replace("127.0.0.1:18080", "127.0.0.1:18082")).toList();
        RunnerRawResult raw = RunnerRawResult.builder()
                .requestId(request.requestId()).runId(request.runId()).stage(request.stage())
                .runnerName("codex_cli").modelName("fake-model")
                .exitKind(RunnerExitKind.TIMEOUT).exitCode(124)
                .stdoutPath("/srv/rig/runs/codex_timeout/runner_stdout.req-codex_timeout.txt")
                .stderrPath("/srv/rig/runs/codex_timeout/runner_stderr.req-codex_timeout.txt")
                .eventLogPath("/srv/rig/runs/codex_timeout/runner_events.req-codex_timeout.jsonl")
                .startedAt(Instant.parse("2026-11-24T02:38:04.239286Z"))
                .endedAt(Instant.parse("2026-11-24T02:38:07.243149Z"))
                .build();
        String json = RunArtifacts.completionJson(request, raw, "runner_timeout",
                List.of("runner process exceeded timeout"), command, Instant.parse("2026-11-24T02:38:07.243616Z"));
        assertEquals(sample("harness-runs/codex_timeout/runner_completion.req-codex_timeout.json"), json);
    }
}
