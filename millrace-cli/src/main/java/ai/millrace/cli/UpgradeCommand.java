package ai.millrace.cli;

import ai.millrace.api.MillraceException;
import ai.millrace.core.upgrade.UpgradePreview;
import ai.millrace.core.upgrade.Upgrader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code millrace upgrade}: previews (default) or applies managed asset upgrades (spec 02
 * section 1.7), printing the original's report. Errors print as the original's
 * {@code error: <message>}, exit 1; a conflict changes nothing.
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Preview, or apply (--apply), the managed asset upgrade to this build's packaged assets.")
final class UpgradeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceOption ws;

    @Option(names = "--apply", description = "Apply the upgrade instead of previewing it.")
    boolean apply;

    @Option(names = "--localize-removed", paramLabel = "PATH",
            description = "Keep this removed managed asset as a local file (repeatable).")
    List<String> localizeRemoved = new ArrayList<>();

    @Option(names = "--localize-removed-from", paramLabel = "FILE",
            description = "Read --localize-removed paths from a file (one per line, # comments).")
    String localizeRemovedFrom;

    @Override
    public Integer call() {
        Path root = ws.requireInitialized().workspaceRoot();
        List<String> localize = new ArrayList<>(localizeRemoved);
        if (localizeRemovedFrom != null) {
            Path file = WorkspaceOption.resolve(localizeRemovedFrom);
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "File '" + file + "' does not exist.");
            }
            localize.addAll(Upgrader.readLocalizeFile(file));
        }
        Upgrader upgrader = Upgrader.from(MillraceCli.class.getClassLoader(), Workspace.plugins());
        UpgradePreview report;
        try {
            report = apply ? upgrader.apply(root, localize) : upgrader.preview(root, localize);
        } catch (MillraceException e) {
            throw new CliFailure(e.detail());
        }
        PrintWriter out = spec.commandLine().getOut();
        report.reportLines().forEach(out::println);
        return 0;
    }
}
