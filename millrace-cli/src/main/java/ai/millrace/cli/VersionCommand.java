package ai.millrace.cli;

import ai.millrace.cli.internal.Report;
import ai.millrace.core.internal.workspace.MillraceVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code millrace version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        if (json.json) {
            JsonOption.printJson(new Report().put("name", "millrace").put("version", MillraceVersion.CURRENT)
                    .put("java_version", System.getProperty("java.version")).toJson(), spec.commandLine().getOut());
        } else {
            spec.commandLine().getOut().println("millrace " + MillraceVersion.CURRENT);
        }
        return 0;
    }
}
