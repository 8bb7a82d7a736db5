package ai.millrace.core.internal.journal;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.WorkItemKind;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the runtime does first when it opens a workspace, while it holds the ownership lock:
 * delete the temp files of interrupted atomic writes, complete interrupted transitions from the
 * journal, then reconcile the queue folders with the snapshot ({@link Reconciler}). Stateless.
 */
public final class StartupRecovery {
    private StartupRecovery() {
    }

    /**
     * Recovers a workspace.
     *
     * @param runner the transition runner (its context holds the opened queue and state stores)
     * @param clock stamps repairs
     * @return what was repaired
     */
    public static ReconciliationReport recover(TransitionRunner runner, Clock clock) {
        List<String> temps = deleteTempFiles(runner.context().paths(), runner.context().files());
        ReplayReport replay = runner.replay();
        List<String> repairs = new Reconciler(runner, clock).reconcile();
        return new ReconciliationReport(temps, replay, repairs);
    }

    /**
     * Deletes stray {@code .<name>.tmp-<hex>} files under the state, queue, arbiter and log
     * folders. Run only when no other process writes the workspace.
     *
     * @param paths the workspace layout
     * @param files the write strategy
     * @return the deleted files
     */
    public static List<String> deleteTempFiles(WorkspacePaths paths, AtomicFiles files) {
        List<Path> roots = new ArrayList<>();
        roots.add(paths.stateDir());
        roots.add(paths.logsDir());
        roots.add(paths.arbiterDir());
        for (WorkItemKind kind : WorkItemKind.values()) {
            for (QueueState state : QueueState.values()) {
                roots.add(paths.queueDir(kind, state));
            }
        }
        List<String> deleted = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile).filter(AtomicFiles::isTempFile).toList()) {
                    files.delete(p);
                    deleted.add(p.toString());
                }
            } catch (IOException e) {
                throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot scan " + root + ": " + e.getMessage(), e);
            }
        }
        return deleted;
    }
}
