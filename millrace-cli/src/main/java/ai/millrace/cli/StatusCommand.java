package ai.millrace.cli;

import ai.millrace.cli.internal.Report;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code millrace status [show|watch]}. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Print the runtime status block.",
        subcommands = {StatusCommand.Show.class, StatusCommand.Watch.class})
final class StatusCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceOption ws;

    @Mixin
    JsonOption json;

    StatusCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        WorkspacePaths paths = ws.requireInitialized();
        json.print(StatusReport.build(new Workspace(paths, env.clock())), spec.commandLine().getOut());
        return 0;
    }

    /** {@code millrace status show}: the same as {@code millrace status}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the runtime status block.")
    static final class Show implements Callable<Integer> {
        private final CliEnvironment env;

        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        JsonOption json;

        Show(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            json.print(StatusReport.build(new Workspace(paths, env.clock())), spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code millrace status watch}: prints the block of each workspace repeatedly; never takes the lock. */
    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Print the status of one or more workspaces repeatedly.")
    static final class Watch implements Callable<Integer> {
        private final CliEnvironment env;

        @Spec
        CommandSpec spec;

        @Option(names = "--workspace", paramLabel = "PATH", description = "A workspace to watch (repeatable). Default: the current folder.")
        List<String> workspaces = new ArrayList<>();

        @Option(names = "--max-updates", paramLabel = "N", description = "Stop after N updates (N >= 1). Default: until interrupted.")
        Integer maxUpdates;

        @Option(names = "--interval-seconds", paramLabel = "SECONDS", defaultValue = "1.0",
                description = "Seconds between updates (>= 0). Default: ${DEFAULT-VALUE}.")
        double intervalSeconds;

        @Mixin
        JsonOption json;

        Watch(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            if (maxUpdates != null && maxUpdates < 1) {
                throw new ParameterException(spec.commandLine(), "--max-updates must be at least 1");
            }
            if (intervalSeconds < 0 || Double.isNaN(intervalSeconds)) {
                throw new ParameterException(spec.commandLine(), "--interval-seconds must be at least 0");
            }
            Set<Path> roots = new LinkedHashSet<>();
            for (String w : workspaces.isEmpty() ? List.of(".") : workspaces) {
                roots.add(WorkspaceOption.resolve(w));
            }
            List<WorkspacePaths> all = new ArrayList<>();
            for (Path root : roots) {
                WorkspaceOption one = new WorkspaceOption();
                one.workspace = root.toString();
                all.add(one.requireInitialized());
            }
            PrintWriter out = spec.commandLine().getOut();
            for (int update = 1; maxUpdates == null || update <= maxUpdates; update++) {
                if (update > 1) {
                    if (!json.json) {
                        out.println();
                    }
                    out.flush();
                    try {
                        env.sleeper().sleep(Duration.ofMillis(Math.round(intervalSeconds * 1000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        out.println("interrupted: true");
                        return 0;
                    }
                }
                List<Object> blocks = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    Report r = StatusReport.build(new Workspace(all.get(i), env.clock()));
                    if (json.json) {
                        blocks.add(r.toJson());
                    } else {
                        if (i > 0) {
                            out.println();
                        }
                        r.printText(out);
                    }
                }
                if (json.json) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("update", update);
                    one.put("workspaces", blocks);
                    JsonOption.printJsonLine(one, out);
                }
                out.flush();
            }
            return 0;
        }
    }
}
