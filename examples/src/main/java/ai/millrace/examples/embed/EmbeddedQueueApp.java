package ai.millrace.examples.embed;

import ai.millrace.api.Plane;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.core.Millrace;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.RunSummary;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The smallest useful embedding of Millrace: initialize a workspace, queue one task, and drive the
 * runtime until it is idle, with a scripted runner standing in for an agent.
 *
 * <p>Run it with a folder as the only argument (created when missing); it prints the final status.
 */
public final class EmbeddedQueueApp {

    private EmbeddedQueueApp() {
    }

    /**
     * Initializes {@code args[0]} (or a new temporary folder), runs one task to the end and prints
     * how it went.
     *
     * @param args an optional workspace folder
     * @throws IOException when the temporary folder cannot be created
     */
    public static void main(String[] args) throws IOException {
        Path workspace = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("millrace-embed");
        RunSummary summary = run(workspace, "hello-task");
        System.out.println("workspace: " + workspace);
        System.out.println("stages run: " + summary.stagesRun() + ", stopped: " + summary.reason());
        System.out.println("execution status: "
                + Files.readString(WorkspacePaths.of(workspace).statusFile(Plane.EXECUTION)).strip());
    }

    /**
     * Initializes the workspace, queues a task with this id and ticks until there is no work left.
     *
     * @param workspace the workspace root; initialized here
     * @param taskId the id of the task to queue
     * @return what the runtime did
     */
    public static RunSummary run(Path workspace, String taskId) {
        // snippet:embed
        WorkspaceInitializer.create().init(workspace);

        TaskDocument task = TaskDocument.builder()
                .taskId(taskId).title("Say hello").createdAt(Instant.now()).createdBy("embedded-app")
                .targetPaths(List.of("hello.txt")).acceptance(List.of("hello.txt exists"))
                .requiredChecks(List.of("test -f hello.txt")).references(List.of("README.md"))
                .risk(List.of("low"))
                .build();

        try (MillraceRuntime runtime = Millrace.builder()
                .workspace(workspace)
                .runAllStagesWith(new AlwaysSucceeds())   // a real application uses a harness plugin
                .listener(event -> {                      // called on the runtime's thread, in order
                    if (event.eventType().equals("stage_completed")) {
                        System.out.println("stage completed: " + event.data().get("stage"));
                    }
                })
                .build()) {
            runtime.addTask(task);                     // goes through the mailbox, applied at the next tick
            return runtime.runUntilIdle();             // builder, checker, updater ... until no work is left
        }
        // end:embed
    }

    /**
     * A stand-in harness: answers every stage with its first legal marker ({@code ### BUILDER_COMPLETE}
     * for the builder), written to the file the runtime scans.
     */
    static final class AlwaysSucceeds implements StageRunner {
        @Override
        public String id() {
            return "always_succeeds";
        }

        @Override
        public RunnerRawResult run(StageRunRequest request) {
            Instant started = Instant.now();
            Path stdout = request.runDirectory().resolve("runner_stdout." + request.requestId() + ".txt");
            try {
                Files.createDirectories(stdout.getParent());
                Files.writeString(stdout, "Nothing to do here.\n" + request.legalTerminalMarkers().get(0) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return RunnerRawResult.builder().requestId(request.requestId()).runId(request.runId())
                    .stage(request.stage()).runnerName(id()).exitKind(RunnerExitKind.COMPLETED).exitCode(0)
                    .stdoutPath(stdout.toString()).startedAt(started).endedAt(Instant.now()).build();
        }
    }
}
