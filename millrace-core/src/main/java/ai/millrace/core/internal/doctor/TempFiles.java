package ai.millrace.core.internal.doctor;

import ai.millrace.api.WorkItemKind;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the temp files of interrupted atomic writes in the folders start-up recovery cleans.
 * Stateless.
 */
final class TempFiles {
    private TempFiles() {
    }

    static List<Path> find(WorkspacePaths paths) {
        List<Path> roots = new ArrayList<>(List.of(paths.stateDir(), paths.logsDir(), paths.arbiterDir()));
        for (WorkItemKind kind : WorkItemKind.values()) {
            for (QueueState state : QueueState.values()) {
                roots.add(paths.queueDir(kind, state));
            }
        }
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(AtomicFiles::isTempFile).sorted().forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }
}
