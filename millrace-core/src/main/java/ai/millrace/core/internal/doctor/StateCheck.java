package ai.millrace.core.internal.doctor;

import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.governance.LedgerEntry;
import ai.millrace.core.internal.control.LockInspection;
import ai.millrace.core.internal.control.LockStatus;
import ai.millrace.core.internal.control.OwnershipLock;
import ai.millrace.core.internal.state.StateStore;
import ai.millrace.core.internal.state.StatusMarkers;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime state checks: status markers, snapshot, recovery counters, the ownership lock, the
 * transition journal, dispatch records and the usage ledger. Read-only.
 */
public final class StateCheck {
    private static final String REPAIR = "run `millrace doctor --repair` while no runtime owns the workspace"
            + " (or start the runtime, which makes the same repairs)";

    private StateCheck() {
    }

    /** What the state checks read, for the checks that follow. */
    public record Loaded(RuntimeSnapshot snapshot, RecoveryCounters counters, Map<Plane, String> markers,
            LockInspection lock) {
    }

    /**
     * Runs the checks.
     *
     * @param f the collector
     * @param clock judges lock heartbeats
     * @return what was read
     */
    public static Loaded run(Findings f, Clock clock) {
        WorkspacePaths paths = f.paths();
        StateStore state = new StateStore(paths, AtomicFiles.NO_FSYNC);
        Map<Plane, String> markers = new EnumMap<>(Plane.class);
        for (Plane plane : List.of(Plane.EXECUTION, Plane.PLANNING)) {
            Path file = paths.statusFile(plane);
            String marker = state.readStatusMarker(plane);
            markers.put(plane, marker);
            if (Files.isRegularFile(file) && StatusMarkers.INVALID.equals(marker)) {
                f.error(plane.wireName() + "_status_invalid", file, "the status file must hold exactly one line "
                        + "'### <TOKEN>'", "write '### IDLE' into it when the plane is idle, or run `millrace doctor --repair`");
            }
        }
        markers.put(Plane.LEARNING, state.readStatusMarker(Plane.LEARNING));
        RuntimeSnapshot snapshot = null;
        try {
            snapshot = state.loadSnapshot().orElse(null);
        } catch (MillraceException | IllegalArgumentException e) {
            f.error("snapshot_invalid", paths.snapshotFile(), "the runtime snapshot does not read: " + e.getMessage(),
                    "restore it, or run `millrace control clear-stale-state` to rebuild an idle snapshot");
        }
        RecoveryCounters counters = null;
        try {
            counters = state.loadCounters();
        } catch (MillraceException | IllegalArgumentException e) {
            f.error("recovery_counters_invalid", paths.recoveryCountersFile(), "the recovery counters do not read: "
                    + e.getMessage(), "replace the file with an empty counters document or run clear-stale-state");
        }
        LockInspection lock = new OwnershipLock(paths, AtomicFiles.NO_FSYNC, clock, Duration.ofMinutes(2)).inspect();
        checkLock(f, paths, lock);
        checkJournal(f, paths);
        if (lock.status() != LockStatus.ACTIVE) {
            checkTempFiles(f, paths);
        }
        checkDispatchRecords(f, paths, snapshot);
        checkLedger(f, paths.usageGovernanceLedgerFile());
        return new Loaded(snapshot, counters, markers, lock);
    }

    private static void checkLock(Findings f, WorkspacePaths paths, LockInspection lock) {
        Path file = paths.daemonLockFile();
        switch (lock.status()) {
            case ACTIVE:
                f.warning("runtime_ownership_lock_active", file, lock.detail(),
                        "nothing to do while that runtime runs; stop it before repairing or upgrading");
                break;
            case STALE:
                f.error("runtime_ownership_lock_stale", file, lock.detail(),
                        "run `millrace doctor --repair` or `millrace control clear-stale-state` to remove it");
                break;
            case INVALID:
                f.error("runtime_ownership_lock_invalid", file, lock.detail(),
                        "run `millrace doctor --repair` or `millrace control clear-stale-state` to remove it");
                break;
            default:
                break;
        }
    }

    private static void checkJournal(Findings f, WorkspacePaths paths) {
        Path file = paths.transitionJournalFile();
        try {
            JournalScan.Result r = JournalScan.scan(file);
            for (var intent : r.uncommitted()) {
                f.error("transition_journal_uncommitted", file, "transition " + intent.name() + " (" + intent.txn()
                        + ") was interrupted before it committed; the workspace may be half-way through it", REPAIR);
            }
            for (String d : r.damaged()) {
                f.warning("transition_journal_damaged", file, "unreadable journal " + d, REPAIR);
            }
        } catch (IOException e) {
            f.error("transition_journal_uncommitted", file, "cannot read the journal: " + e.getMessage(), REPAIR);
        }
    }

    private static void checkTempFiles(Findings f, WorkspacePaths paths) {
        for (Path temp : TempFiles.find(paths)) {
            f.warning("atomic_temp_file_stray", temp, "temp file of an interrupted atomic write",
                    "run `millrace doctor --repair` (or start the runtime) to delete it");
        }
    }

    private static void checkDispatchRecords(Findings f, WorkspacePaths paths, RuntimeSnapshot snapshot) {
        for (Plane plane : Plane.values()) {
            Path file = paths.stateDir().resolve("dispatch_" + plane.wireName() + ".json");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String runId = null;
            try {
                var tree = MillraceJson.readTree(Files.readString(file, StandardCharsets.UTF_8), file.toString());
                var request = tree.path("request");
                runId = request.path("run_id").isTextual() ? request.path("run_id").asText() : null;
            } catch (IOException | MillraceException e) {
                runId = null;
            }
            var run = snapshot == null ? null : snapshot.activeRun(plane);
            if (runId == null || run == null || !run.runId().equals(runId)) {
                f.warning("dispatch_record_orphaned", file, "dispatch record of " + plane + " run "
                        + (runId == null ? "(unreadable)" : runId) + ", which is not the plane's active run",
                        "the runtime drops it at its next start; delete it by hand only when no runtime owns the workspace");
            }
        }
    }

    private static void checkLedger(Findings f, Path ledger) {
        if (!Files.isRegularFile(ledger)) {
            return;
        }
        try {
            byte[] bytes = Files.readAllBytes(ledger);
            if (bytes.length == 0) {
                return;
            }
            boolean torn = bytes[bytes.length - 1] != '\n';
            if (torn) {
                f.warning("usage_governance_ledger_damaged", ledger, "the last ledger line is torn",
                        "run `millrace doctor --repair` (or start the runtime): the torn bytes are cut and saved aside");
            }
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < lines.size() - (torn ? 1 : 0); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try {
                    MillraceJson.read(lines.get(i), LedgerEntry.class, ledger + ":" + (i + 1));
                } catch (MillraceException | IllegalArgumentException e) {
                    f.warning("usage_governance_ledger_damaged", ledger, "ledger line " + (i + 1)
                            + " does not read and is not counted: " + e.getMessage(),
                            "remove or fix the line; governance skips it meanwhile");
                }
            }
        } catch (IOException e) {
            f.warning("usage_governance_ledger_damaged", ledger, "cannot read the ledger: " + e.getMessage(),
                    "check the file's permissions");
        }
    }
}
