package ai.millrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI reads a workspace the original wrote and prints what the original printed for it. */
class OriginalWorkspaceTest {
    @TempDir
    Path tmp;

    final Cli cli = new Cli();

    @Test
    void statusPrintsTheOriginalsLines() throws Exception {
        Path w = OriginalWorkspace.create(tmp.resolve("ws"));
        Cli.Result r = cli.run("status", "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> expected = new ArrayList<>(OriginalWorkspace.ORIGINAL_STATUS_HEAD);
        expected.set(0, "workspace: " + w);
        expected.addAll(List.of("persisted_compile_input.assets_fingerprint: assets-390111cd7b34"));
        expected.addAll(OriginalWorkspace.ORIGINAL_STATUS_TAIL);
        List<String> actual = r.lines();
        assertEquals(StatusCommandTest.IDLE_KEYS, r.keys());
        for (int i = 0; i < expected.size(); i++) {
            String key = StatusCommandTest.IDLE_KEYS.get(i);
            // Computed from the current inputs by this build's compiler, not read from the workspace:
            // the key and its position are checked, the value is this build's.
            if (key.equals("compiled_plan_currentness") || key.startsWith("compile_input.")) {
                continue;
            }
            // The plan file in the samples was captured before the walkthrough's config edit.
            if (key.equals("persisted_compile_input.config_fingerprint")) {
                assertEquals("persisted_compile_input.config_fingerprint: cfg-d3f98203e969", actual.get(i));
                continue;
            }
            assertEquals(expected.get(i), actual.get(i), key);
        }
        assertEquals("default_codex", r.get("compile_input.mode_id"));
        assertTrue(List.of("current", "stale").contains(r.get("compiled_plan_currentness")));
    }

    @Test
    void statusJsonParses() throws Exception {
        Path w = OriginalWorkspace.create(tmp.resolve("ws"));
        Cli.Result r = cli.run("status", "--workspace", w.toString(), "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals("plan-default_codex-fa3dec4ba748", r.json().get("compiled_plan_id").asText());
        assertEquals("7dac545d35c14218648bf115a99f2174fc50b6d2da416f6fd08572ef1023deb4",
                r.json().get("baseline_manifest_id").asText());
    }

    @Test
    void runsShowPrintsTheOriginalsStageBlock() throws Exception {
        Path w = OriginalWorkspace.create(tmp.resolve("ws"));
        String run = "run-de5437d9313b4831842aed3bb05c8cbc";
        Cli.Result r = cli.run("runs", "show", run, "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        // The walkthrough's block for this stage result (its last one), verbatim.
        List<String> original = List.of(
                "stage_result_path: stage_results/request-d7f6891042df4d38be02e318c02102cd.json",
                "request_id: request-d7f6891042df4d38be02e318c02102cd",
                "compiled_plan_id: plan-default_codex-fa3dec4ba748",
                "mode_id: default_codex",
                "stage: updater",
                "node_id: updater",
                "stage_kind_id: updater",
                "request_kind: active_work_item",
                "closure_target_root_spec_id: none",
                "terminal_result: UPDATE_COMPLETE",
                "result_class: success",
                "runner_name: codex_cli",
                "model_name: none",
                "model_reasoning_effort: none",
                "started_at: 2026-11-24T02:50:51.256649+00:00",
                "completed_at: 2026-11-24T02:50:51.260404+00:00",
                "duration_seconds: 0.003755",
                "stdout_path: runner_stdout.request-d7f6891042df4d38be02e318c02102cd.txt",
                "stderr_path: runner_stderr.request-d7f6891042df4d38be02e318c02102cd.txt",
                "report_artifact: none",
                "input_tokens: 100",
                "cached_input_tokens: 0",
                "output_tokens: 10",
                "thinking_tokens: 0",
                "total_tokens: 110",
                "artifact_path: runner_events.request-d7f6891042df4d38be02e318c02102cd.jsonl");
        List<String> lines = r.lines();
        int start = lines.indexOf(original.get(0));
        assertTrue(start > 0, r.out());
        assertEquals(original, lines.subList(start, start + original.size()));
        assertEquals("run_id: " + run, lines.get(0));
        assertEquals("primary_stdout_path: runner_stdout.request-d7f6891042df4d38be02e318c02102cd.txt",
                lines.get(lines.indexOf("troubleshoot_report_path: none") + 1));
    }

    @Test
    void queueShowFindsTheDoneTaskAsTheOriginalDid() throws Exception {
        Path w = OriginalWorkspace.create(tmp.resolve("ws"));
        Cli.Result r = cli.run("queue", "show", "hello-task-001", "--workspace", w.toString());
        assertEquals("work_item_id: hello-task-001\nwork_item_kind: task\nwork_item_state: done\npath: "
                + w.resolve("millrace-agents/tasks/done/hello-task-001.md") + "\ntitle: Hello Task\n", r.out());
    }
}
