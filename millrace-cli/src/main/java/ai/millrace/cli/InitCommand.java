package ai.millrace.cli;

import ai.millrace.core.workspace.WorkspaceInitializer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code millrace init}: creates or repairs a workspace. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a workspace, or repair one (restores missing files, never overwrites).")
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceOption ws;

    @Override
    public Integer call() {
        Path w = ws.root();
        WorkspaceInitializer.builder().plugins(Workspace.plugins()).build().init(w);
        PrintWriter out = spec.commandLine().getOut();
        out.println("workspace: " + w);
        out.println("initialized: true");
        return 0;
    }
}
