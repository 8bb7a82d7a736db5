package ai.millrace.core.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunInspectorTest {
    @TempDir
    Path w;

    private Path runDir(String id) throws Exception {
        return Files.createDirectories(w.resolve("millrace-agents/runs/" + id + "/stage_results")).getParent();
    }

    private static String result(Path runDir, String request, String stage, String terminal, String started,
            String completed, String tokens, String report) {
        return "{\"run_id\":\"" + runDir.getFileName() + "\",\"plane\":\"execution\",\"stage\":\"" + stage
                + "\",\"work_item_kind\":\"task\",\"work_item_id\":\"t-1\",\"terminal_result\":\"" + terminal
                + "\",\"result_class\":\"success\",\"summary_status_marker\":\"### " + terminal + "\",\"success\":true,"
                + "\"duration_seconds\":1.0,\"report_artifact\":" + (report == null ? "null" : "\"" + report + "\"")
                + ",\"stdout_path\":\"" + runDir + "/out." + request + ".txt\",\"artifact_paths\":[\"" + runDir
                + "/events.jsonl\"],\"token_usage\":" + tokens + ",\"metadata\":{\"request_id\":\"" + request
                + "\",\"mode_id\":\"default_codex\",\"failure_class\":null},\"started_at\":\"" + started
                + "\",\"completed_at\":\"" + completed + "\"}";
    }

    @Test
    void summarizesARunFromItsStageResults() throws Exception {
        Path run = runDir("run-b");
        Files.writeString(run.resolve("stage_results/r2.json"), result(run, "r2", "checker", "CHECKER_PASS",
                "2026-01-01T00:00:05Z", "2026-01-01T00:00:06Z", "null", "report.md"));
        Files.writeString(run.resolve("stage_results/r1.json"), result(run, "r1", "builder",
                "BUILDER_COMPLETE", "2026-01-01T00:00:00Z", "2026-01-01T00:00:04Z",
                "{\"input_tokens\":5,\"cached_input_tokens\":1,\"output_tokens\":2,\"thinking_tokens\":0,\"total_tokens\":7}",
                null));
        Files.writeString(run.resolve("report.md"), "# report\n");
        RunInspection r = RunInspector.of(w).find("run-b").orElseThrow();
        assertEquals(RunStatus.VALID, r.status());
        assertEquals(List.of("builder", "checker"), r.stageResults().stream().map(StageResultSummary::stage).toList());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), r.startedAt());
        assertEquals(Instant.parse("2026-01-01T00:00:06Z"), r.completedAt());
        assertEquals(6.0, r.durationSeconds());
        assertEquals(7, r.tokenUsage().totalTokens());
        assertEquals("out.r2.txt", r.primaryStdoutPath());
        assertEquals("report.md", r.troubleshootReportPath());
        assertEquals("default_codex", r.modeId());
        assertEquals(List.of("events.jsonl"), r.stageResults().get(0).artifactPaths());
        assertEquals("troubleshoot_report", RunInspector.of(w).tail(r).orElseThrow().kind());
    }

    @Test
    void listsChronologicallyNotByName() throws Exception {
        Path late = runDir("run-a");
        Files.writeString(late.resolve("stage_results/x.json"), result(late, "x", "builder",
                "BUILDER_COMPLETE", "2026-02-01T00:00:00Z", "2026-02-01T00:00:01Z", "null", null));
        Path early = runDir("run-z");
        Files.writeString(early.resolve("stage_results/y.json"), result(early, "y", "builder",
                "BUILDER_COMPLETE", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", "null", null));
        runDir("run-m");
        List<RunInspection> runs = RunInspector.of(w).list();
        assertEquals(List.of("run-z", "run-a", "run-m"), runs.stream().map(RunInspection::runId).toList());
        assertEquals(RunStatus.INCOMPLETE, runs.get(2).status());
        assertEquals(List.of("no stage result artifacts found"), runs.get(2).notes());
        assertNull(runs.get(2).tokenUsage());
        assertTrue(RunInspector.of(w).tail(runs.get(2)).isEmpty());
    }

    @Test
    void malformedResultsAreNotedAndTheRestShown() throws Exception {
        Path run = runDir("run-c");
        Files.writeString(run.resolve("stage_results/bad.json"), "{");
        Files.writeString(run.resolve("stage_results/invalid.json"), "{\"run_id\":\"run-c\"}");
        Files.writeString(run.resolve("stage_results/ok.json"), result(run, "ok", "builder",
                "BUILDER_COMPLETE", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", "null", null));
        RunInspection r = RunInspector.of(w).find("run-c").orElseThrow();
        assertEquals(RunStatus.MALFORMED, r.status());
        assertEquals(1, r.stageResults().size());
        assertEquals(2, r.notes().size());
        assertTrue(r.notes().get(0).startsWith("stage_results/bad.json: invalid JSON: "), r.notes().toString());
        assertTrue(r.notes().get(1).startsWith("stage_results/invalid.json: invalid stage result payload: "),
                r.notes().toString());
        assertEquals("stage_result", RunInspector.of(w).tail(r).orElseThrow().kind());
    }

    @Test
    void unknownAndUnsafeIdsAreNotFound() {
        assertTrue(RunInspector.of(w).find("run-x").isEmpty());
        assertTrue(RunInspector.of(w).find("../state").isEmpty());
        assertEquals(List.of(), RunInspector.of(w).list());
    }
}
