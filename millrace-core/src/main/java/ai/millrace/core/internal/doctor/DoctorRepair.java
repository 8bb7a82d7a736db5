package ai.millrace.core.internal.doctor;

import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.governance.UsageLedger;
import ai.millrace.core.internal.control.ClearStaleOutcome;
import ai.millrace.core.internal.control.ControlFileLock;
import ai.millrace.core.internal.control.LockStatus;
import ai.millrace.core.internal.control.OwnershipLock;
import ai.millrace.core.internal.journal.ReconciliationReport;
import ai.millrace.core.internal.journal.StartupRecovery;
import ai.millrace.core.internal.journal.TransitionContext;
import ai.millrace.core.internal.journal.TransitionRunner;
import ai.millrace.core.internal.queue.DocumentCodec;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.internal.state.StateStore;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The repairs doctor may make, only when no live runtime owns the workspace: clear a stale or
 * invalid ownership lock, run start-up recovery (temp files, journal replay, reconciliation of
 * queue folders and snapshot, quarantine of unreadable documents), and cut a torn ledger tail.
 * Runs under the control file lock, so a runtime cannot start meanwhile.
 */
public final class DoctorRepair {
    private DoctorRepair() {
    }

    /**
     * Repairs a workspace.
     *
     * @param paths the workspace
     * @param files the write strategy
     * @param clock stamps repairs
     * @param txnIds names repair transitions
     * @return one line per repair, or a single line saying why nothing was done
     */
    @SuppressWarnings("try") // the control lock is held for the whole block
    public static List<String> repair(WorkspacePaths paths, AtomicFiles files, Clock clock, Supplier<String> txnIds) {
        List<String> done = new ArrayList<>();
        try (ControlFileLock control = ControlFileLock.acquire(paths)) {
            OwnershipLock lock = new OwnershipLock(paths, files, clock, Duration.ofMinutes(2));
            if (lock.inspect().status() == LockStatus.ACTIVE) {
                done.add("skipped: a live runtime owns the workspace (" + lock.inspect().detail() + "); stop it first");
                return done;
            }
            ClearStaleOutcome cleared = lock.clearStale();
            if (cleared == ClearStaleOutcome.CLEARED_STALE || cleared == ClearStaleOutcome.CLEARED_INVALID) {
                done.add("ownership lock " + cleared.wireName());
            }
            if (Files.isRegularFile(paths.usageGovernanceLedgerFile())) {
                UsageLedger ledger = UsageLedger.open(paths.usageGovernanceLedgerFile(), files, clock);
                if (ledger.tornBytesRepaired() > 0) {
                    done.add("cut " + ledger.tornBytesRepaired() + " torn bytes from the usage ledger");
                }
            }
            QueueStore queues = QueueStore.open(paths, DocumentCodec.standard(), files, clock);
            StateStore state = new StateStore(paths, files);
            TransitionRunner runner = new TransitionRunner(new TransitionContext(paths, queues, state, files), clock,
                    txnIds);
            ReconciliationReport report = StartupRecovery.recover(runner, clock);
            report.tempFilesDeleted().forEach(t -> done.add("deleted temp file " + t));
            report.replay().rolledForward().forEach(t -> done.add("completed interrupted transition " + t));
            done.addAll(report.repairs());
        }
        return done;
    }
}
