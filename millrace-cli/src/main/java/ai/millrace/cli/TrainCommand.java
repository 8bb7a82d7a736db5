package ai.millrace.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code millrace cds-train} (hidden): runs the common commands once against a throw-away
 * workspace, printing nothing, so that the {@code ./millrace} launcher can record the classes
 * they load into its AppCDS archive ({@code -XX:ArchiveClassesAtExit}) whatever command happens
 * to run first.
 */
@Command(name = "cds-train", hidden = true, description = "Exercise the common commands (used to build the start-up archive).")
final class TrainCommand implements Callable<Integer> {
    private final CliEnvironment env;

    TrainCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        Path tmp = Files.createTempDirectory("millrace-cds-train-");
        try {
            String w = tmp.resolve("ws").toString();
            Path task = Files.writeString(tmp.resolve("task.md"), DemoCommand.TASK_1);
            String[][] commands = {
                {"demo", "--workspace", w, "--monitor", "basic"},
                {"status", "--workspace", w},
                {"status", "--workspace", w, "--json"},
                {"status", "watch", "--workspace", w, "--max-updates", "1"},
                {"queue", "ls", "--workspace", w},
                {"queue", "show", "demo-task-001", "--workspace", w},
                {"add-task", task.toString(), "--workspace", w},
                {"runs", "ls", "--workspace", w},
                {"config", "show", "--workspace", w},
                {"compile", "show", "--workspace", w},
                {"pause", "--workspace", w},
                {"resume", "--workspace", w},
                {"modes", "list"},
                {"skills", "ls", "--workspace", w},
                {"run", "once", "--workspace", w},
                {"status", "--no-such-option"},
                {"--help"},
            };
            for (String[] args : commands) {
                StringWriter sink = new StringWriter();
                MillraceCli.execute(env, new PrintWriter(sink), new PrintWriter(sink), args);
            }
            return 0;
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
