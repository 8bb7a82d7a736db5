package ai.millrace.cli;

import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.cli.internal.Report;
import ai.millrace.core.ControlResult;
import ai.millrace.core.WorkspaceControl;
import ai.millrace.core.workspace.WorkspacePaths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code millrace config show|validate|reload}. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Show, validate or reload millrace.toml.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Validate.class, ConfigCommand.Reload.class})
final class ConfigCommand {
    /** {@code config show}: the main settings and the snapshot's reload state. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the effective main settings.")
    static final class Show implements Callable<Integer> {
        private final CliEnvironment env;

        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        JsonOption json;

        @Option(names = "--config", paramLabel = "PATH", description = "Read this configuration file instead of millrace.toml.")
        String config;

        Show(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            Workspace w = new Workspace(paths, env.clock());
            CompileCommand.CompileOptions o = new CompileCommand.CompileOptions();
            o.config = config;
            MillraceConfig c = w.config(o.configPath());
            RuntimeSnapshot s = w.snapshot();
            Report r = new Report().put("default_mode", c.runtime().defaultMode())
                    .put("run_style", c.runtime().runStyle()).put("idle_sleep_seconds", c.runtime().idleSleepSeconds())
                    .put("watchers.enabled", c.watchers().enabled())
                    .put("usage_governance.enabled", c.usageGovernance().enabled())
                    .put("config_version", s.configVersion()).put("last_reload_outcome", s.lastReloadOutcome())
                    .put("last_reload_error", s.lastReloadError());
            json.print(r, spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code config validate}: compile and persist; the diagnostics block; exit 1 when the compile fails. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check millrace.toml by compiling the plan with it; exit 1 when it fails.")
    static final class Validate implements Callable<Integer> {
        private final CliEnvironment env;

        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        CompileCommand.CompileOptions options;

        @Mixin
        JsonOption json;

        Validate(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            CompileCommand.Compiled c = CompileCommand.compile(new Workspace(paths, env.clock()), options);
            json.print(CompileCommand.diagnostics(c), spec.commandLine().getOut());
            return c.outcome().diagnostics().ok() ? 0 : 1;
        }
    }

    /** {@code config reload}: the same as {@code control reload-config}. */
    @Command(name = "reload", mixinStandardHelpOptions = true, description = "Ask the daemon to reload millrace.toml.")
    static final class Reload implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            ControlResult r = WorkspaceControl.of(paths.workspaceRoot()).reloadConfig();
            ControlOutput.print(r, spec.commandLine().getOut());
            return 0;
        }
    }
}
