package ai.millrace.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ResultClass;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.run.StageRunRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultNormalizerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path runDir;
    private StageRunRequest checker;
    private final ResultNormalizer normalizer = new ResultNormalizer();

    @BeforeEach
    void setUp() {
        checker = StageRunRequest.builder()
                .stage(StageMetadataRegistry.builtIn().require(StageId.CHECKER))
                .requestId("request-1").runId("run-1").modeId("default_codex").compiledPlanId("plan-x")
                .entrypointPath("/w/millrace-agents/entrypoints/execution/checker.md")
                .activeWorkItemKind(WorkItemKind.TASK).activeWorkItemId("task-1")
                .activeWorkItemPath("/w/millrace-agents/tasks/active/task-1.md")
                .runDir(runDir.toString())
                .summaryStatusPath("/w/millrace-agents/state/execution_status.md")
                .runtimeSnapshotPath("/w/s.json").recoveryCountersPath("/w/c.json")
                .preferredTroubleshootReportPath(runDir.resolve("troubleshoot_report.md").toString())
                .build();
    }

    private RunnerRawResult.Builder completedWith(String output) throws IOException {
        Path stdout = runDir.resolve("runner_stdout.request-1.txt");
        Files.writeString(stdout, output);
        return RunnerRawResult.builder().requestId("request-1").runId("run-1").stage(StageId.CHECKER)
                .runnerName("scripted").exitKind(RunnerExitKind.COMPLETED).exitCode(0).stdoutPath(stdout.toString())
                .startedAt(T0).endedAt(T0.plusMillis(2500));
    }

    @Test
    void aSingleLegalMarkerIsTheResult() throws IOException {
        StageResultEnvelope e = normalizer.normalize(checker, completedWith("All good.\n   ###   CHECKER_PASS  \n").build());

        assertEquals(TerminalResult.CHECKER_PASS, e.terminalResult());
        assertEquals(ResultClass.SUCCESS, e.resultClass());
        assertTrue(e.success());
        assertFalse(e.retryable());
        assertEquals("### CHECKER_PASS", e.detectedMarker());
        assertEquals(2.5, e.durationSeconds());
        assertEquals("stdout_terminal_token", e.metadata().get("normalization_source"));
        assertEquals(java.util.List.of("terminal result resolved from stdout token"), e.notes());
    }

    @Test
    void theSameTokenRepeatedIsFineButTheRunningMarkerConflicts() throws IOException {
        assertEquals(TerminalResult.FIX_NEEDED,
                normalizer.normalize(checker, completedWith("### FIX_NEEDED\n### FIX_NEEDED\n").build()).terminalResult());

        StageResultEnvelope e = normalizer.normalize(checker, completedWith("### CHECKER_RUNNING\n### CHECKER_PASS\n").build());

        assertFailure(e, "conflicting_terminal_results");
        assertEquals("### CHECKER_PASS", e.detectedMarker());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "no marker here|missing_terminal_result",
        "`### CHECKER_PASS`|missing_terminal_result",
        "### CHECKER_PASS2|missing_terminal_result",
        "### BUILDER_COMPLETE|illegal_terminal_result",
        "### NOTES\\n### CHECKER_PASS|conflicting_terminal_results",
    })
    void badOutputBecomesARetryableBlockedFailure(String output, String failureClass) throws IOException {
        assertFailure(normalizer.normalize(checker, completedWith(output.replace("\\n", "\n")).build()), failureClass);
    }

    @Test
    void anAgentsBlockedIsBlockedAndNotRetryable() throws IOException {
        StageResultEnvelope e = normalizer.normalize(checker, completedWith("### BLOCKED\n").build());

        assertEquals(ResultClass.BLOCKED, e.resultClass());
        assertFalse(e.retryable());
        assertNull(e.metadata().get("failure_class"));
    }

    @Test
    void exitKindsAndCodesMapToFailureClasses() throws IOException {
        assertFailure(normalizer.normalize(checker, completedWith("### CHECKER_PASS").exitKind(RunnerExitKind.TIMEOUT)
                .exitCode(124).build()), "runner_timeout");
        assertFailure(normalizer.normalize(checker, completedWith("### CHECKER_PASS")
                .exitKind(RunnerExitKind.PROVIDER_ERROR).build()), "provider_failure");
        StageResultEnvelope nonZero = normalizer.normalize(checker, completedWith("### CHECKER_PASS").exitCode(3).build());
        assertFailure(nonZero, "runner_transport_failure");
        assertEquals(3, nonZero.exitCode());
        StageResultEnvelope crashed = normalizer.normalize(checker, completedWith("x").exitKind(RunnerExitKind.RUNNER_ERROR)
                .exitCode(0).build());
        assertEquals(1, crashed.exitCode(), "a failure never records exit code 0");
    }

    @Test
    void aResultForAnotherRequestIsATransportFailure() throws IOException {
        StageResultEnvelope e = normalizer.normalize(checker, completedWith("### CHECKER_PASS").requestId("request-2").build());

        assertFailure(e, "runner_transport_failure");
        assertTrue(e.notes().get(0).contains("request_id mismatch"), e.notes().toString());
    }

    @Test
    void aReconciledTimeoutKeepsTheRealExitAndSaysSo() throws IOException {
        StageResultEnvelope e = normalizer.normalize(checker, completedWith("### CHECKER_PASS")
                .observedExitKind(RunnerExitKind.TIMEOUT).observedExitCode(124).build());

        assertTrue(e.success());
        assertEquals("timeout", e.metadata().get("raw_exit_kind"));
        assertEquals(124, e.metadata().get("raw_exit_code"));
        assertEquals(true, e.metadata().get("timeout_reconciled"));
        assertEquals(2, e.notes().size());
    }

    @Test
    void aStructuredResultFileWinsAndItsArtifactsMustStayInTheRunDirectory() throws IOException {
        Files.writeString(runDir.resolve("checker_summary.md"), "ok");
        Path file = runDir.resolve("result.json");
        Files.writeString(file, "{\"stage\":\"checker\",\"terminal_result\":\"FIX_NEEDED\","
                + "\"summary_artifact_paths\":[\"checker_summary.md\"]}");

        StageResultEnvelope e = normalizer.normalize(checker, completedWith("### CHECKER_PASS")
                .terminalResultPath(file.toString()).build());

        assertEquals(TerminalResult.FIX_NEEDED, e.terminalResult());
        assertEquals(ResultClass.FOLLOWUP_NEEDED, e.resultClass());
        assertEquals(runDir.resolve("checker_summary.md").toString(), e.artifactPaths().get(0));

        Files.writeString(file, "{\"terminal_result\":\"CHECKER_PASS\",\"summary_artifact_paths\":[\"../escape.md\"]}");
        assertFailure(normalizer.normalize(checker, completedWith("").terminalResultPath(file.toString()).build()),
                "missing_required_artifact");
        Files.writeString(file, "{\"terminal_result\":\"CHECKER_PASS\",\"extra\":1}");
        assertFailure(normalizer.normalize(checker, completedWith("").terminalResultPath(file.toString()).build()),
                "illegal_terminal_result");
    }

    @Test
    void theTroubleshootReportIsPickedUpWhenItExists() throws IOException {
        Path report = runDir.resolve("troubleshoot_report.md");
        Files.writeString(report, "# report");

        StageResultEnvelope e = normalizer.normalize(checker, completedWith("### CHECKER_PASS")
                .eventLogPath(runDir.resolve("events.jsonl").toString()).build());

        assertEquals(report.toString(), e.reportArtifact());
        assertEquals(java.util.List.of(report.toString(), runDir.resolve("events.jsonl").toString()), e.artifactPaths());
    }

    private static void assertFailure(StageResultEnvelope e, String failureClass) {
        assertEquals(TerminalResult.BLOCKED, e.terminalResult());
        assertEquals(ResultClass.RECOVERABLE_FAILURE, e.resultClass());
        assertTrue(e.retryable());
        assertEquals("### BLOCKED", e.summaryStatusMarker());
        assertEquals(failureClass, e.metadata().get("failure_class"));
        assertEquals("failure", e.metadata().get("normalization_source"));
    }
}
