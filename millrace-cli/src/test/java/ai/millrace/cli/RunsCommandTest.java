package ai.millrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCommandTest {
    @TempDir
    Path tmp;

    final Cli cli = new Cli();
    Path w;

    @BeforeEach
    void init() {
        w = tmp.resolve("ws");
        assertEquals(0, cli.run("init", "--workspace", w.toString()).code());
    }

    static String result(String runDir, String requestId, String stage, String terminal, String resultClass,
            String started, String completed, double duration, Integer totalTokens, String failureClass) {
        return "{\"schema_version\":\"1.0\",\"kind\":\"stage_result\",\"run_id\":\"" + Path.of(runDir).getFileName()
                + "\",\"plane\":\"execution\",\"stage\":\"" + stage + "\",\"node_id\":\"" + stage + "\",\"stage_kind_id\":\""
                + stage + "\",\"work_item_kind\":\"task\",\"work_item_id\":\"t-1\",\"terminal_result\":\"" + terminal
                + "\",\"result_class\":\"" + resultClass + "\",\"summary_status_marker\":\"### " + terminal + "\",\"success\":"
                + resultClass.equals("success") + ",\"retryable\":false,\"exit_code\":0,\"duration_seconds\":" + duration
                + ",\"prompt_artifact\":null,\"report_artifact\":null,\"artifact_paths\":[],\"detected_marker\":null,"
                + "\"stdout_path\":\"" + runDir + "/runner_stdout." + requestId + ".txt\",\"stderr_path\":null,"
                + "\"runner_name\":\"scripted\",\"model_name\":null,\"model_reasoning_effort\":null,\"token_usage\":"
                + (totalTokens == null ? "null" : "{\"input_tokens\":" + totalTokens + ",\"cached_input_tokens\":0,"
                        + "\"output_tokens\":0,\"thinking_tokens\":0,\"total_tokens\":" + totalTokens + "}")
                + ",\"notes\":[],\"metadata\":{\"request_id\":\"" + requestId + "\",\"request_kind\":\"active_work_item\","
                + "\"mode_id\":\"default_codex\",\"compiled_plan_id\":\"plan-x\",\"failure_class\":"
                + (failureClass == null ? "null" : "\"" + failureClass + "\"") + "},\"started_at\":\"" + started
                + "\",\"completed_at\":\"" + completed + "\"}";
    }

    private Path run(String id) throws Exception {
        Path dir = w.resolve("millrace-agents/runs/" + id);
        Files.createDirectories(dir.resolve("stage_results"));
        return dir;
    }

    private void fixture() throws Exception {
        // Named so that name order and time order disagree.
        Path late = run("run-aaaa");
        Files.writeString(late.resolve("stage_results/request-1.json"), result(late.toString(), "request-1", "builder",
                "BUILDER_COMPLETE", "success", "2026-01-02T00:00:00Z", "2026-01-02T00:00:02Z", 2.0, 100, null));
        Files.writeString(late.resolve("stage_results/request-2.json"), result(late.toString(), "request-2", "checker",
                "CHECKER_PASS", "success", "2026-01-02T00:00:03Z", "2026-01-02T00:00:04.5Z", 1.5, 50, null));
        Files.writeString(late.resolve("runner_stdout.request-2.txt"), "checked\n### CHECKER_PASS\n");
        Path early = run("run-zzzz");
        Files.writeString(early.resolve("stage_results/request-3.json"), result(early.toString(), "request-3", "builder",
                "BLOCKED", "recoverable_failure", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", 1.0, null,
                "runner_transport_failure"));
        Files.writeString(early.resolve("stage_results/broken.json"), "{not json");
        run("run-mmmm"); // no stage result yet
    }

    @Test
    void lsListsRunsOldestFirstWithIncompleteAndMalformedOnes() throws Exception {
        fixture();
        Cli.Result r = cli.run("runs", "ls", "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals("run_id: run-zzzz\nstatus: malformed\nwork_item_kind: task\nwork_item_id: t-1\n"
                + "failure_class: runner_transport_failure\n\nrun_id: run-aaaa\nstatus: valid\nwork_item_kind: task\n"
                + "work_item_id: t-1\nfailure_class: none\n\nrun_id: run-mmmm\nstatus: incomplete\nwork_item_kind: none\n"
                + "work_item_id: none\nfailure_class: none\n", r.out());
        JsonNode json = cli.run("runs", "ls", "--json", "--workspace", w.toString()).json();
        assertEquals(3, json.get("runs").size());
        assertEquals("run-zzzz", json.get("runs").get(0).get("run_id").asText());
    }

    @Test
    void showPrintsTotalsEveryStageAndATimeline() throws Exception {
        fixture();
        Cli.Result r = cli.run("runs", "show", "run-aaaa", "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of("run_id", "status", "compiled_plan_id", "mode_id", "request_kind",
                "closure_target_root_spec_id", "work_item_kind", "work_item_id", "failure_class", "started_at",
                "completed_at", "duration_seconds", "troubleshoot_report_path", "primary_stdout_path",
                "primary_stderr_path", "stage_result_count", "input_tokens", "cached_input_tokens", "output_tokens",
                "thinking_tokens", "total_tokens", "stage_result_path"), r.keys().subList(0, 22));
        assertEquals("2026-01-02T00:00:00+00:00", r.get("started_at"));
        assertEquals("2026-01-02T00:00:04.500000+00:00", r.get("completed_at"));
        assertEquals("4.5", r.get("duration_seconds"));
        assertEquals("150", r.get("total_tokens"));
        assertEquals("runner_stdout.request-2.txt", r.get("primary_stdout_path"));
        assertEquals("2", r.get("stage_result_count"));
        List<String> timeline = r.lines().stream().filter(l -> l.startsWith("timeline: ")).toList();
        assertEquals(List.of("timeline: +0.000s 2.000s execution/builder BUILDER_COMPLETE success tokens=100",
                "timeline: +3.000s 1.500s execution/checker CHECKER_PASS success tokens=50"), timeline);
        JsonNode json = cli.run("runs", "show", "run-aaaa", "--json", "--workspace", w.toString()).json();
        assertEquals(2, json.get("stage_results").size());
        assertEquals(3.0, json.get("timeline").get(1).get("offset_seconds").asDouble());
        assertEquals(4.5, json.get("duration_seconds").asDouble());
    }

    @Test
    void showNotesMalformedAndIncompleteRuns() throws Exception {
        fixture();
        Cli.Result malformed = cli.run("runs", "show", "run-zzzz", "--workspace", w.toString());
        assertEquals("malformed", malformed.get("status"));
        assertTrue(malformed.get("note").startsWith("stage_results/broken.json: invalid JSON: "), malformed.out());
        assertEquals("1", malformed.get("stage_result_count"));
        Cli.Result incomplete = cli.run("runs", "show", "run-mmmm", "--workspace", w.toString());
        assertEquals("incomplete", incomplete.get("status"));
        assertEquals("no stage result artifacts found", incomplete.get("note"));
    }

    @Test
    void tailPrintsTheLatestOutputVerbatimOrFails() throws Exception {
        fixture();
        Cli.Result r = cli.run("runs", "tail", "run-aaaa", "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals("checked\n### CHECKER_PASS\n", r.out());
        assertEquals("stdout", cli.run("runs", "tail", "run-aaaa", "--json", "--workspace", w.toString()).json()
                .get("artifact_kind").asText());
        // No stdout file: the latest stage result file is shown.
        Cli.Result fallback = cli.run("runs", "tail", "run-zzzz", "--workspace", w.toString());
        assertTrue(fallback.out().contains("\"request_id\":\"request-3\""), fallback.out());
        Cli.Result none = cli.run("runs", "tail", "run-mmmm", "--workspace", w.toString());
        assertEquals(1, none.code());
        assertEquals("error: no tailable artifact found for run: run-mmmm\n", none.err());
    }

    @Test
    void unknownRunsAndUninitializedWorkspacesFail() {
        Cli.Result r = cli.run("runs", "show", "run-nope", "--workspace", w.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: run not found: run-nope\n"), r.err());
        assertEquals(1, cli.run("runs", "tail", "../x", "--workspace", w.toString()).code());
        assertEquals("", cli.run("runs", "ls", "--workspace", w.toString()).out());
        assertEquals(1, cli.run("runs", "ls", "--workspace", tmp.resolve("no").toString()).code());
        assertEquals(2, cli.run("runs", "show", "--workspace", w.toString()).code());
    }
}
