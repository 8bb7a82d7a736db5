package ai.millrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAndRunCommandTest {
    @TempDir
    Path tmp;

    final Cli cli = new Cli();

    @Test
    void demoRunsBothTasksThroughEveryStageAndEndsIdle() throws Exception {
        Path w = tmp.resolve("demo");
        Cli.Result r = cli.run("demo", "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.lines();
        assertEquals("demo_workspace: " + w, lines.get(0));
        assertTrue(Files.isRegularFile(w.resolve("ideas/inbox/demo-idea.md")));
        for (String task : List.of("demo-task-001", "demo-task-002")) {
            for (String stage : List.of("builder", "checker", "updater")) {
                assertTrue(lines.stream().anyMatch(l -> l.matches("\\[\\d\\d:\\d\\d:\\d\\d] stage start execution/" + stage
                        + " run=[0-9a-f]{8} work=task:" + task)), stage + " of " + task + "\n" + r.out());
            }
            assertTrue(lines.stream().anyMatch(l -> l.contains("stage done execution/updater") && l.contains(task)
                    && l.contains("result=UPDATE_COMPLETE")), r.out());
            assertTrue(Files.isRegularFile(w.resolve("millrace-agents/tasks/done/" + task + ".md")), task);
        }
        // task 2 depends on task 1: it starts only after task 1's updater
        int done1 = indexOf(lines, "stage done execution/updater", "demo-task-001");
        int start2 = indexOf(lines, "stage start execution/builder", "demo-task-002");
        assertTrue(done1 < start2, r.out());
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("idle reason=no_work")), r.out());
        assertTrue(lines.contains("execution_queue_depth: 0"), r.out());
        assertTrue(lines.contains("execution_status_marker: ### IDLE"), r.out());
        assertTrue(lines.contains("process_running: false"), r.out());
        // The idea became the root spec the planner and manager took up; the arbiter closed its
        // target only after the lineage's tasks were done.
        assertTrue(lines.stream().anyMatch(l -> l.contains("stage start planning/planner") && l.contains("spec:idea-demo-idea")),
                r.out());
        int arbiter = indexOf(lines, "stage start planning/arbiter", "");
        assertTrue(arbiter > indexOf(lines, "stage done execution/updater", "demo-task-002"), r.out());
        assertEquals("false", r.get("closure_target_open"));
        assertEquals("idea-demo-idea", r.get("closure_target_root_spec_id"));
        // Every run is readable; each task's run holds its three stages.
        com.fasterxml.jackson.databind.JsonNode runs = cli.run("runs", "ls", "--json", "--workspace", w.toString()).json()
                .get("runs");
        String taskRun = null;
        for (com.fasterxml.jackson.databind.JsonNode run : runs) {
            assertEquals("valid", run.get("status").asText(), run.toString());
            if (run.get("work_item_id").asText().equals("demo-task-001")) {
                taskRun = run.get("run_id").asText();
            }
        }
        Cli.Result show = cli.run("runs", "show", taskRun, "--workspace", w.toString());
        assertEquals("3", show.get("stage_result_count"));
        assertEquals("scripted", show.get("runner_name"));
        assertTrue(cli.run("runs", "tail", taskRun, "--workspace", w.toString()).out().endsWith("### UPDATE_COMPLETE\n"));
    }

    @Test
    void demoInATemporaryFolderWithoutMonitor() {
        Cli.Result r = cli.run("demo", "--monitor", "none");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.lines().stream().noneMatch(l -> l.startsWith("[")), r.out());
        assertTrue(r.get("demo_workspace").contains("millrace-demo-"), r.out());
        assertEquals(1, cli.run("demo", "--monitor", "fancy").code());
    }

    @Test
    void runOnceOnAnEmptyQueue() {
        Path w = init();
        Cli.Result r = cli.run("run", "once", "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals("run_mode: once\nactive_mode_id: default_codex\nmode_override: none\n"
                + "compiled_plan_id: plan-default_codex-fa3dec4ba748\ntick_reason: no_work\n", r.out());
        Cli.Result paused = cli.run("pause", "--workspace", w.toString());
        assertEquals(0, paused.code());
        assertEquals("paused", cli.run("run", "once", "--workspace", w.toString()).get("tick_reason"));
    }

    @Test
    void runDaemonWithMaxTicksCountsCyclesAndWritesTheMonitorLog() throws Exception {
        Path w = init();
        Path log = tmp.resolve("logs/monitor.log");
        Cli.Result r = cli.run("run", "daemon", "--max-ticks", "3", "--monitor", "BASIC", "--monitor-log", log.toString(),
                "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.lines();
        assertEquals(List.of("run_mode: daemon", "active_mode_id: default_codex", "mode_override: none",
                "compiled_plan_id: plan-default_codex-fa3dec4ba748", "ticks: 3"), lines.subList(lines.size() - 5, lines.size()));
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("runtime started mode=default_codex plan=plan-default_codex-fa3dec4ba748")));
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("idle reason=no_work")), r.out());
        assertTrue(Files.readString(log).contains("idle reason=no_work"));
    }

    @Test
    void runRejectsBadArgumentsAndUninitializedWorkspaces() {
        Path w = init();
        Cli.Result monitor = cli.run("run", "daemon", "--monitor", "loud", "--workspace", w.toString());
        assertEquals(1, monitor.code());
        assertTrue(monitor.err().startsWith("error: unknown monitor mode: loud"), monitor.err());
        assertEquals(2, cli.run("run", "daemon", "--max-ticks", "0", "--workspace", w.toString()).code());
        assertEquals(2, cli.run("run", "daemon", "--max-ticks", "x", "--workspace", w.toString()).code());
        assertEquals(2, cli.run("run").code());
        assertEquals(1, cli.run("run", "once", "--workspace", tmp.resolve("no").toString()).code());
        assertEquals(1, cli.run("run", "daemon", "--max-ticks", "1", "--workspace", tmp.resolve("no").toString()).code());
        assertEquals(1, cli.run("run", "once", "--config", tmp.resolve("none.toml").toString(), "--workspace",
                w.toString()).code());
        Cli.Result mode = cli.run("run", "once", "--mode", "nope", "--workspace", w.toString());
        assertEquals(1, mode.code(), mode.toString());
        assertTrue(mode.err().startsWith("error: "), mode.err());
    }

    private Path init() {
        Path w = tmp.resolve("ws");
        assertEquals(0, cli.run("init", "--workspace", w.toString()).code());
        return w;
    }

    private static int indexOf(List<String> lines, String a, String b) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(a) && lines.get(i).contains(b)) {
                return i;
            }
        }
        return -1;
    }
}
