package ai.millrace.cli;

import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --workspace} option every workspace command takes (default: the current folder). */
final class WorkspaceOption {
    @Option(names = "--workspace", paramLabel = "PATH", defaultValue = ".",
            description = "Workspace root (the folder holding millrace-agents/). Default: the current folder.")
    String workspace = ".";

    /** @return the workspace root, absolute, with {@code ~} expanded */
    Path root() {
        return resolve(workspace);
    }

    static Path resolve(String value) {
        String v = value;
        if (v.equals("~") || v.startsWith("~/")) {
            v = System.getProperty("user.home") + v.substring(1);
        }
        return Path.of(v).toAbsolutePath().normalize();
    }

    /**
     * Fails with the original's message unless the workspace is initialized; creates nothing.
     *
     * @return the layout
     */
    WorkspacePaths requireInitialized() {
        Path w = root();
        if (!WorkspaceInitializer.isInitialized(w)) {
            throw new CliFailure("workspace is not initialized: " + w + ". Run `millrace init --workspace " + w
                    + "` first.");
        }
        return WorkspacePaths.of(w);
    }
}
