package ai.millrace.cli;

import ai.millrace.core.ControlResult;
import ai.millrace.core.WorkspaceControl;
import ai.millrace.core.workspace.WorkspacePaths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code millrace control ...} (also at the top level: {@code pause}, {@code resume}, {@code stop},
 * {@code reload-config}, {@code retry-active}, {@code clear-stale-state}). A live daemon receives
 * the command through its mailbox; otherwise it is applied to the workspace directly.
 */
@Command(name = "control", mixinStandardHelpOptions = true, description = "Pause, resume, stop, reload, retry, clear stale state.",
        subcommands = {ControlCommand.Pause.class, ControlCommand.Resume.class, ControlCommand.Stop.class,
                ControlCommand.ReloadConfig.class, ControlCommand.RetryActive.class, ControlCommand.ClearStaleState.class})
final class ControlCommand {
    /** Runs one control action and prints its block. */
    abstract static class Action implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        abstract ControlResult apply(WorkspaceControl control);

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            ControlResult result = apply(WorkspaceControl.of(paths.workspaceRoot()));
            ControlOutput.print(result, spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code pause}. */
    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop dispatching new stages (operator pause).")
    static final class Pause extends Action {
        @Override
        ControlResult apply(WorkspaceControl control) {
            return control.pause();
        }
    }

    /** {@code resume}. */
    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Clear the operator pause.")
    static final class Resume extends Action {
        @Override
        ControlResult apply(WorkspaceControl control) {
            return control.resume();
        }
    }

    /** {@code stop}. */
    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the daemon (or reset a stopped runtime to idle).")
    static final class Stop extends Action {
        @Override
        ControlResult apply(WorkspaceControl control) {
            return control.stop();
        }
    }

    /** {@code reload-config}. */
    @Command(name = "reload-config", mixinStandardHelpOptions = true,
            description = "Ask the daemon to reload millrace.toml and recompile once no plane is active.")
    static final class ReloadConfig extends Action {
        @Override
        ControlResult apply(WorkspaceControl control) {
            return control.reloadConfig();
        }
    }

    /** {@code retry-active}. */
    @Command(name = "retry-active", mixinStandardHelpOptions = true,
            description = "Requeue the active work item (of the only active plane).")
    static final class RetryActive extends Action {
        @Option(names = "--reason", defaultValue = "operator requested retry", description = "Recorded with the requeue.")
        String reason;

        @Override
        ControlResult apply(WorkspaceControl control) {
            return control.retryActive(null, reason);
        }
    }

    /** {@code clear-stale-state}. */
    @Command(name = "clear-stale-state", mixinStandardHelpOptions = true,
            description = "Requeue every active work file, reset the runtime to idle, remove a stale ownership lock.")
    static final class ClearStaleState extends Action {
        @Option(names = "--reason", defaultValue = "operator requested stale-state clear", description = "Recorded with the requeues.")
        String reason;

        @Override
        ControlResult apply(WorkspaceControl control) {
            return control.clearStaleState(reason);
        }
    }

}
