package ai.millrace.harness.pi.internal;

import ai.millrace.api.internal.harness.ArtifactJson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two JSON records match the original's files byte for byte, given the same values. */
class RunArtifactsTest {
    private static final List<String> COMMAND = List.of("/srv/rig/node_modules/.bin/pi", "--mode", "rpc", "--no-session",
            "--provider", "fake", "--model", "fake-model", "--no-context-files", "--no-skills");

    @TempDir
    Path tmp;

    private StageRunRequest request() {
        return StagePromptBuilderTest.goldenRequest().toBuilder().runDir(tmp.toString()).build();
    }

    @Test
    void invocationMatchesTheOriginal() throws IOException {
        RunArtifacts artifacts = new RunArtifacts(request());
        artifacts.writeInvocation("pi_rpc", "fake-model", COMMAND, Instant.parse("2026-11-24T02:38:01.414401Z"));

        String expected = StagePromptBuilderTest.resource("runner_invocation.req-pi_basic.json")
                .replace("/srv/rig/runs/pi_basic", tmp.toString());
        assertEquals(expected, Files.readString(artifacts.invocation()));
    }

    @Test
    void completionMatchesTheOriginal() throws IOException {
        RunArtifacts artifacts = new RunArtifacts(request());
        RunnerRawResult result = RunnerRawResult.builder()
                .requestId("req-pi_basic").runId("run-pi_basic").stage(request().stage()).runnerName("pi_rpc")
                .modelName("fake-model").exitKind(RunnerExitKind.COMPLETED).exitCode(0)
                .stdoutPath(artifacts.stdout().toString()).stderrPath(artifacts.stderr().toString())
                .eventLogPath(artifacts.events().toString())
                .tokenUsage(new TokenUsage(1092, 0, 13, 0, 1105))
                .startedAt(Instant.parse("2026-11-24T02:38:01.414838Z"))
                .endedAt(Instant.parse("2026-11-24T02:38:02.776744Z"))
                .build();
        artifacts.writeCompletion(result, null, List.of(), COMMAND, Instant.parse("2026-11-24T02:38:02.891407Z"));

        String expected = StagePromptBuilderTest.resource("runner_completion.req-pi_basic.json")
                .replace("/srv/rig/runs/pi_basic", tmp.toString());
        assertEquals(expected, Files.readString(artifacts.completion()));
    }

    @Test
    void timestampsDropAZeroFractionAndEscapesKeepNonAscii() {
        assertEquals("2026-04-15T12:00:00Z", ArtifactJson.timestamp(Instant.parse("2026-04-15T12:00:00.000000900Z")));
        assertEquals("2026-04-15T12:00:00.000100Z", ArtifactJson.timestamp(Instant.parse("2026-04-15T12:00:00.0001Z")));
        java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("s", "caf\u00e9 \"q\" \\ \n\t\u0001");
        doc.put("empty", List.of());
        doc.put("obj", new java.util.LinkedHashMap<>());
        assertEquals("{\n  \"s\": \"caf\u00e9 \\\"q\\\" \\\\ \\n\\t\\u0001\",\n  \"empty\": [],\n  \"obj\": {}\n}\n",
                ArtifactJson.write(doc));
    }
}
