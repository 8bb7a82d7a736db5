package ai.millrace.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.RunSummary;
import ai.millrace.core.workspace.QueueState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineHappyPathTest {
    @TempDir
    Path root;

    @Test
    void aTaskRunsBuilderCheckerUpdaterAndIsDone() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        ScriptRunner runner = ScriptRunner.happy(EngineFixture.CLOCK);

        try (MillraceRuntime runtime = ws.runtime(runner)) {
            RunSummary summary = runtime.runUntilIdle();

            assertEquals(new RunSummary(3, "no_work"), summary);
            assertEquals(List.of("builder", "checker", "updater"), runner.stages());
            assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
            RuntimeSnapshot s = runtime.snapshot();
            assertTrue(s.activeRunsByPlane().isEmpty());
            assertEquals("### IDLE", s.executionStatusMarker());
            assertEquals("UPDATE_COMPLETE", s.lastTerminalResult());
            assertEquals("### IDLE\n", Files.readString(ws.paths.statusFile(Plane.EXECUTION)));
            assertFalse(Files.exists(ws.paths.stateDir().resolve("dispatch_execution.json")));
        }
        // One run directory for the whole activation, one stage result per stage.
        String runId = runner.requests.get(0).runId();
        try (var results = Files.list(ws.paths.runDir(runId).resolve("stage_results"))) {
            assertEquals(3, results.count());
        }
    }
}
