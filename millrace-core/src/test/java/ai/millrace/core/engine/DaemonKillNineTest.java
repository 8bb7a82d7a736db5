package ai.millrace.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.workspace.QueueState;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the daemon with SIGKILL at random progress points while it works through a queue of
 * tasks, restarting it each time on the same workspace, and checks that every task is done
 * exactly once: no duplicates, nothing left active, no dispatch record or claim left behind, and
 * within each activation no stage ran to completion twice except after being routed through
 * recovery as {@code unknown_outcome}.
 */
class DaemonKillNineTest {
    private static final int TASKS = 5;
    private static final int MAX_KILLS = 18;
    private static final Map<String, String> NEXT = Map.of(
            "builder", "checker", "checker", "updater", "troubleshooter", "builder");

    @TempDir
    Path root;

    @TempDir
    Path logs;

    @Test
    @Timeout(120)
    void killNineAtRandomMomentsDoesEveryTaskExactlyOnce() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        // Never reach the consultant, whose BLOCKED is terminal: every kill must stay recoverable.
        ws.config("[runtime]\ndefault_mode = \"default_codex\"\nrun_style = \"daemon\"\n\n"
                + "[recovery]\nmax_troubleshoot_attempts_before_consult = 1000\n");
        for (int i = 1; i <= TASKS; i++) {
            ws.queue(EngineFixture.task("task-" + i));
        }
        Random random = new Random(20260101L);
        int kills = 0;
        int midStageKills = 0;
        boolean finished = false;
        for (int iteration = 0; !finished && iteration < MAX_KILLS + 10; iteration++) {
            boolean kill = kills < MAX_KILLS;
            int killAfter = 1 + random.nextInt(9);
            Process child = ChildJvm.childJvm(DaemonKillChild.class, logs.resolve("child-" + iteration + ".err"),
                    root.toString(), "40").start();
            int progress = 0;
            String inFlight = null;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("idle")) {
                        finished = true;
                    }
                    if (line.startsWith("begin ")) {
                        inFlight = line;
                    } else if (line.startsWith("end ")) {
                        inFlight = null;
                    }
                    if (kill && !line.equals("started") && ++progress == killAfter) {
                        child.toHandle().destroyForcibly(); // SIGKILL; keeps reading to EOF
                        kills++;
                        if (inFlight != null) {
                            midStageKills++;
                        }
                        kill = false;
                    }
                }
            }
            child.waitFor();
        }
        assertTrue(finished, "the last daemon drained the queue");
        assertTrue(kills >= 15, "killed " + kills + " times");
        assertTrue(midStageKills >= 3, "some kills must land mid-stage: " + midStageKills);

        // Every task done exactly once; nothing active, queued, blocked; no dispatch record; no claim.
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= TASKS; i++) {
            all.add("task-" + i);
        }
        assertEquals(all, ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.ACTIVE));
        assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.QUEUED));
        assertEquals(List.of(), ws.ids(WorkItemKind.TASK, QueueState.BLOCKED));
        assertFalse(ws.dispatchRecordLeft());
        RuntimeSnapshot snapshot = MillraceJson.read(ws.paths.snapshotFile(), RuntimeSnapshot.class);
        assertTrue(snapshot.activeRunsByPlane().isEmpty());
        assertEquals(0, snapshot.queueDepthExecution());
        assertEquals(List.of(), ws.counterLines());
        try (Stream<Path> quarantined = Files.walk(ws.paths.kindRoot(WorkItemKind.TASK))) {
            assertEquals(List.of(), quarantined.filter(p -> p.toString().contains(".invalid")).toList());
        }

        // Within each activation (run directory) the stage results form one legal path.
        int unknown = 0;
        int doneRuns = 0;
        try (Stream<Path> runs = Files.list(ws.paths.runsDir())) {
            for (Path run : runs.toList()) {
                List<JsonNode> results = new ArrayList<>(ws.stageResults(run.getFileName().toString()));
                if (results.isEmpty()) {
                    continue;
                }
                results.sort(Comparator.comparing(n -> n.path("completed_at").asText()));
                String expected = "builder";
                List<String> trace = new ArrayList<>();
                for (JsonNode r : results) {
                    String stage = r.path("stage").asText();
                    String terminal = r.path("terminal_result").asText();
                    trace.add(stage + ":" + terminal);
                    assertEquals(expected, stage, "out-of-path stage in " + run.getFileName() + ": " + trace);
                    if (terminal.equals("BLOCKED")) {
                        assertEquals("unknown_outcome", r.path("metadata").path("failure_class").asText(), trace.toString());
                        unknown++;
                        expected = "troubleshooter";
                    } else {
                        expected = NEXT.get(stage);
                    }
                }
                assertEquals("updater:UPDATE_COMPLETE", trace.get(trace.size() - 1),
                        "every activation ends done: " + trace);
                doneRuns++;
            }
        }
        System.out.println("kill -9 runs: kills=" + kills + " mid-stage=" + midStageKills + " unknown_outcome="
                + unknown);
        assertEquals(TASKS, doneRuns, "one activation per task: no task was claimed twice");
        assertTrue(unknown >= 1, "kills mid-stage are settled as unknown_outcome");
        assertEquals(TASKS, ws.events("work_item_claimed").size(), "each task claimed exactly once");
    }

}
