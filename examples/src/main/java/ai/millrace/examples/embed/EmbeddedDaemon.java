package ai.millrace.examples.embed;

import ai.millrace.api.spi.StageRunner;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.core.ControlResult;
import ai.millrace.core.Millrace;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.WorkspaceControl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Running Millrace as a daemon inside an application, and controlling a workspace from outside a
 * runtime with {@link WorkspaceControl}.
 */
public final class EmbeddedDaemon {

    private EmbeddedDaemon() {
    }

    /**
     * Starts the daemon over an initialized workspace, queues a task, waits until its updater stage
     * has completed, then stops the daemon.
     *
     * @param workspace an initialized workspace
     * @param runner the runner for every stage
     * @param task the task to queue
     * @param timeout how long to wait for the task
     * @return true when the task finished within the timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public static boolean runOneTask(Path workspace, StageRunner runner, TaskDocument task, Duration timeout)
            throws InterruptedException {
        // snippet:daemon
        CountDownLatch updated = new CountDownLatch(1);
        try (MillraceRuntime runtime = Millrace.builder()
                .workspace(workspace)
                .runAllStagesWith(runner)
                .listener(event -> {
                    if (event.eventType().equals("stage_completed") && "updater".equals(event.data().get("stage"))) {
                        updated.countDown();
                    }
                })
                .build()) {
            runtime.start();                // a supervisor thread plus one worker per running stage
            runtime.addTask(task);          // thread-safe: a mailbox command, and a wake-up
            boolean done = updated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            runtime.stop();                 // stages in flight finish; pending ones resume at the next start
            runtime.awaitTermination(Duration.ofSeconds(30));
            return done;
        }
        // end:daemon
    }

    /**
     * Pauses a workspace from outside any runtime, as {@code millrace control pause} does.
     *
     * @param workspace an initialized workspace
     * @return the control result; its mode is {@code direct} when no daemon owns the workspace
     */
    public static ControlResult pauseFromOutside(Path workspace) {
        // snippet:control
        WorkspaceControl control = WorkspaceControl.of(workspace);
        ControlResult result = control.pause();   // "mailbox" when a live daemon owns the workspace, else "direct"
        System.out.println(result.action() + " (" + result.mode() + "): " + result.detail());
        // end:control
        return result;
    }
}
