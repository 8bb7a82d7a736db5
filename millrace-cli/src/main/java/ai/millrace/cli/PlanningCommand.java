package ai.millrace.cli;

import ai.millrace.api.Plane;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.core.ControlResult;
import ai.millrace.core.WorkspaceControl;
import ai.millrace.core.workspace.WorkspacePaths;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code millrace planning retry-active}. */
@Command(name = "planning", mixinStandardHelpOptions = true, description = "Planning plane controls.",
        subcommands = PlanningCommand.RetryActive.class)
final class PlanningCommand {
    /** Requeues the active planning item; refuses when the planning plane is idle. */
    @Command(name = "retry-active", mixinStandardHelpOptions = true, description = "Requeue the active planning work item.")
    static final class RetryActive implements Callable<Integer> {
        private final CliEnvironment env;

        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Option(names = "--reason", defaultValue = "operator requested planning retry", description = "Recorded with the requeue.")
        String reason;

        RetryActive(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            RuntimeSnapshot s = new Workspace(paths, env.clock()).snapshot();
            ControlResult result;
            if (!s.activeRunsByPlane().containsKey(Plane.PLANNING)) {
                String planes = s.activeRunsByPlane().keySet().stream().map(Plane::wireName).sorted()
                        .collect(Collectors.joining(","));
                result = new ControlResult("retry_active", "direct", false,
                        "planning retry requires active planning work; current active planes are "
                                + (planes.isEmpty() ? "none" : planes), null, null, null);
            } else {
                result = WorkspaceControl.of(paths.workspaceRoot()).retryActive(Plane.PLANNING, reason);
            }
            ControlOutput.print(result, spec.commandLine().getOut());
            return 0;
        }
    }
}
