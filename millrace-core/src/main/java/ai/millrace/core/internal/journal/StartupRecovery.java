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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
     * How old a temp file in a folder that clients write into (the mailbox's {@code incoming/} and
     * the queue folders) must be before it counts as stray: a younger one may belong to a client
     * still at work, such as one dropping a command into the mailbox while the runtime starts. It is
     * left for the next start (readers ignore temp files). Elsewhere only the runtime writes, and a
     * temp file is stray as soon as the runtime starts.
     */
    static final Duration TEMP_GRACE = Duration.ofMinutes(1);

    /**
     * Deletes stray {@code .<name>.tmp-<hex>} files under the state, queue, arbiter and log
     * folders (see {@link #TEMP_GRACE} for the folders clients write into).
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
        Set<Path> shared = new HashSet<>();
        shared.add(paths.mailboxIncomingDir());
        for (WorkItemKind kind : WorkItemKind.values()) {
            shared.add(paths.queueDir(kind, QueueState.QUEUED));
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
                for (Path p : walk.filter(Files::isRegularFile).filter(AtomicFiles::isTempFile)
                        .filter(p -> !shared.contains(p.getParent()) || olderThanGrace(p)).toList()) {
                    files.delete(p);
                    deleted.add(p.toString());
                }
            } catch (IOException e) {
                throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot scan " + root + ": " + e.getMessage(), e);
            }
        }
        return deleted;
    }

    // File times come from the system clock, so they are compared with it, not the runtime's clock.
    private static boolean olderThanGrace(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - TEMP_GRACE.toMillis();
        } catch (IOException e) {
            return false; // gone already
        }
    }
}
