package ai.millrace.examples.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.WorkItemKind;
import ai.millrace.core.ControlResult;
import ai.millrace.core.Millrace;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import ai.millrace.testkit.fixture.Tasks;
import ai.millrace.testkit.runner.ScriptedRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDaemonTest {

    @Test
    void theDaemonFinishesTheTaskAndStops(@TempDir Path workspace) throws Exception {
        WorkspaceInitializer.create().init(workspace);

        boolean done = EmbeddedDaemon.runOneTask(workspace, ScriptedRunner.create(), Tasks.task("d1").build(),
                Duration.ofSeconds(60));

        assertTrue(done, "the updater stage completed");
        assertTrue(Files.exists(WorkspacePaths.of(workspace).documentFile(WorkItemKind.TASK, QueueState.DONE, "d1")));
    }

    @Test
    void pausingFromOutsideIsAppliedDirectlyAndStopsDispatching(@TempDir Path workspace) {
        WorkspaceInitializer.create().init(workspace);

        ControlResult result = EmbeddedDaemon.pauseFromOutside(workspace);

        assertEquals("direct", result.mode());
        assertTrue(result.applied());
        try (MillraceRuntime runtime = Millrace.builder().workspace(workspace)
                .runAllStagesWith(ScriptedRunner.create()).build()) {
            runtime.addTask(Tasks.task("p1").build());
            assertEquals("paused", runtime.runUntilIdle().reason());
        }
    }
}
