package ai.millrace.cli;

import ai.millrace.api.spi.RuntimeListener;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.core.ControlResult;
import ai.millrace.core.Millrace;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.WorkspaceControl;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code millrace demo}: the whole machine in one command, without a model. Creates a workspace
 * (a temporary folder unless {@code --workspace}), initializes it, stages a small idea and queues
 * two tasks (the second depends on the first), runs the daemon with the built-in
 * {@link ScriptedRunner} while printing the basic monitor, stops as soon as the runtime reports
 * idle, and prints the final status block.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Watch Millrace work end to end with a scripted runner (no model, no network).")
final class DemoCommand implements Callable<Integer> {
    static final String IDEA_NAME = "demo-idea.md";
    static final String IDEA = "# Greet the operator\n\nA tiny project: write hello.txt, then have a second task"
            + " read it back and write goodbye.txt.\n";
    static final String TASK_1 = "# Write hello.txt\n\nTask-ID: demo-task-001\nTitle: Write hello.txt\n"
            + "Summary: Create hello.txt containing the word hello.\nRoot-Idea-ID: idea-demo-idea\n"
            + "Root-Spec-ID: idea-demo-idea\nSpec-ID: idea-demo-idea\nCreated-At: 2026-01-01T00:00:00Z\n"
            + "Created-By: millrace demo\n\nTarget-Paths:\n- hello.txt\n\nAcceptance:\n- hello.txt exists and contains hello\n\n"
            + "Required-Checks:\n- test -f hello.txt\n\nReferences:\n- ideas/inbox/demo-idea.md\n\nRisk:\n- low\n";
    static final String TASK_2 = "# Write goodbye.txt\n\nTask-ID: demo-task-002\nTitle: Write goodbye.txt\n"
            + "Summary: Read hello.txt and write goodbye.txt next to it.\nRoot-Idea-ID: idea-demo-idea\n"
            + "Root-Spec-ID: idea-demo-idea\nSpec-ID: idea-demo-idea\nCreated-At: 2026-01-01T00:00:01Z\n"
            + "Created-By: millrace demo\n\nDepends-On:\n- demo-task-001\n\nTarget-Paths:\n- goodbye.txt\n\n"
            + "Acceptance:\n- goodbye.txt exists and contains goodbye\n\nRequired-Checks:\n- test -f goodbye.txt\n\n"
            + "References:\n- hello.txt\n\nRisk:\n- low\n";

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", paramLabel = "PATH",
            description = "Use (and initialize) this folder instead of a new temporary one.")
    String workspace;

    @Option(names = "--monitor", paramLabel = "none|basic", defaultValue = "basic",
            description = "Print a line per runtime event (basic, the default) or nothing (none).")
    String monitor;

    @Option(names = "--timeout-seconds", paramLabel = "SECONDS", defaultValue = "120",
            description = "Give up when the runtime is not idle after this long. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    DemoCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        String mode = monitor.toLowerCase(Locale.ROOT);
        if (!mode.equals("none") && !mode.equals("basic")) {
            throw new CliFailure("unknown monitor mode: " + monitor, "use --monitor none or --monitor basic");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path root = workspace == null ? Files.createTempDirectory("millrace-demo-") : WorkspaceOption.resolve(workspace);
        WorkspaceInitializer.builder().plugins(Workspace.plugins()).clock(env.clock()).build().init(root);
        WorkspacePaths paths = WorkspacePaths.of(root);
        out.println("demo_workspace: " + root);

        WorkspaceControl control = WorkspaceControl.of(root);
        // The idea lands in ideas/inbox/; idea intake (spec 02 section 7.2) turns it into the root
        // spec idea-demo-idea, which the planner and manager take up and which opens a closure
        // target (section 4). The scripted manager writes no tasks, so the demo queues the two
        // tasks a manager would have written, in the idea's lineage: the closure target stays
        // open while they are pending, and the arbiter closes it once they are done. Without
        // idea intake or closure in the runtime, the same demo simply runs the two tasks.
        out.println("staged_idea: " + require(control.addIdea(IDEA_NAME, IDEA), "idea " + IDEA_NAME));
        for (String text : List.of(TASK_1, TASK_2)) {
            TaskDocument task = WorkDocumentMarkdown.parse(text, TaskDocument.class, "demo task");
            ControlResult queued = control.addTask(task);
            require(queued, "task " + task.taskId());
            out.println("enqueued_task: " + QueueCommand.queuedPath(paths, task, queued));
        }
        out.flush();

        List<PrintWriter> sinks = new ArrayList<>();
        if (mode.equals("basic")) {
            sinks.add(out);
        }
        CountDownLatch idle = new CountDownLatch(1);
        RuntimeListener idleWatch = e -> {
            if (e.eventType().equals("runtime_tick_idle") || e.eventType().equals("runtime_tick_paused")) {
                idle.countDown();
            }
        };
        Millrace.Builder builder = Millrace.builder().workspace(root).plugins(Workspace.plugins())
                .runAllStagesWith(new ScriptedRunner(env.clock())).clock(env.clock()).listener(idleWatch);
        if (!sinks.isEmpty()) {
            builder.listener(new BasicMonitor(sinks));
        }
        boolean finished;
        try (MillraceRuntime runtime = builder.build()) {
            runtime.start();
            finished = idle.await(timeoutSeconds, TimeUnit.SECONDS);
            runtime.stop();
            runtime.awaitTermination(Duration.ofSeconds(30));
        }
        if (!finished) {
            throw new CliFailure("the demo runtime did not become idle within " + timeoutSeconds + " s",
                    "`millrace status --workspace " + root + "` shows where it stands");
        }
        out.println();
        StatusReport.build(new Workspace(paths, env.clock())).printText(out);
        out.println();
        out.println("next: millrace runs ls --workspace " + root);
        out.println("next: millrace queue show demo-task-002 --workspace " + root);
        out.println("next: millrace compile show --format mermaid --workspace " + root);
        return 0;
    }

    private static String require(ControlResult r, String what) {
        if (!r.applied()) {
            throw new CliFailure("cannot queue " + what + ": " + r.detail(), "run the demo in an empty folder");
        }
        return r.artifactPath();
    }

}
