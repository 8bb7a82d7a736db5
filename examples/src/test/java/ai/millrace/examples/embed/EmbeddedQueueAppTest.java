package ai.millrace.examples.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.WorkItemKind;
import ai.millrace.core.RunSummary;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedQueueAppTest {

    @Test
    void theQueuedTaskEndsInDone(@TempDir Path workspace) {
        RunSummary summary = EmbeddedQueueApp.run(workspace, "hello-task");

        WorkspacePaths paths = WorkspacePaths.of(workspace);
        assertTrue(Files.isRegularFile(paths.documentFile(WorkItemKind.TASK, QueueState.DONE, "hello-task")),
                "the task must end in tasks/done");
        assertFalse(Files.exists(paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, "hello-task")));
        assertTrue(summary.stagesRun() >= 1, "at least the builder ran: " + summary);
        assertEquals("no_work", summary.reason());
    }

    @Test
    void mainPrintsTheSummary(@TempDir Path workspace) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            EmbeddedQueueApp.main(new String[] {workspace.toString()});
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.contains("stopped: no_work"), out);
        assertTrue(out.contains("stage completed: builder"), out);
        assertTrue(out.contains("execution status: ### IDLE"), out);
        assertTrue(Files.exists(WorkspacePaths.of(workspace)
                .documentFile(WorkItemKind.TASK, QueueState.DONE, "hello-task")));
    }
}
