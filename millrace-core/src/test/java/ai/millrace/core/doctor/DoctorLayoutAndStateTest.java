package ai.millrace.core.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.RecoveryCounterEntry;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.control.DaemonLockRecord;
import ai.millrace.core.internal.journal.JournalRecord;
import ai.millrace.core.internal.journal.Transition;
import ai.millrace.core.internal.state.Snapshots;
import ai.millrace.core.internal.state.StateStore;
import ai.millrace.core.internal.testing.Fixtures;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorLayoutAndStateTest extends DoctorTestSupport {
    @Test
    void aFreshWorkspaceIsClean() {
        DoctorReport report = check();
        assertTrue(report.findings().isEmpty(), report.lines().toString());
        assertEquals(List.of("ok: true", "errors: 0", "warnings: 0"), report.lines());
    }

    @Test
    void missingFoldersAndFiles() throws Exception {
        Files.delete(r("tasks/done"));
        Files.delete(paths.outlineFile());
        DoctorReport report = check();
        assertFinding(report, "missing_directory", Severity.ERROR, "millrace-agents/tasks/done");
        assertFinding(report, "missing_file", Severity.ERROR, "millrace-agents/outline.md");
        assertFalse(report.ok());
        assertTrue(report.lines().contains("error: missing_file millrace-agents/outline.md required file is missing"));
    }

    @Test
    void manifestMissingInvalidAndManagedFileMissing() throws Exception {
        Files.delete(r("entrypoints/execution/builder.md"));
        assertFinding(check(), "baseline_manifest_managed_file_missing", Severity.ERROR,
                "millrace-agents/entrypoints/execution/builder.md");
        Files.writeString(paths.baselineManifestFile(), "{not json");
        assertFinding(check(), "baseline_manifest_invalid", Severity.ERROR, "millrace-agents/state/baseline_manifest.json");
        Files.delete(paths.baselineManifestFile());
        assertFinding(check(), "baseline_manifest_missing", Severity.ERROR, "millrace-agents/state/baseline_manifest.json");
    }

    @Test
    void statusSnapshotAndCountersThatDoNotRead() throws Exception {
        Files.writeString(paths.statusFile(Plane.EXECUTION), "### IDLE\n### BUILDER_RUNNING\n");
        Files.writeString(paths.statusFile(Plane.PLANNING), "nonsense\n");
        Files.writeString(paths.snapshotFile(), "{\"runtime_mode\": 7}");
        Files.writeString(paths.recoveryCountersFile(), "[]");
        DoctorReport report = check();
        assertFinding(report, "execution_status_invalid", Severity.ERROR, "millrace-agents/state/execution_status.md");
        assertFinding(report, "planning_status_invalid", Severity.ERROR, "millrace-agents/state/planning_status.md");
        assertFinding(report, "snapshot_invalid", Severity.ERROR, "millrace-agents/state/runtime_snapshot.json");
        assertFinding(report, "recovery_counters_invalid", Severity.ERROR, "millrace-agents/state/recovery_counters.json");
    }

    @Test
    void reconciliationSignalsFromStaticTables() throws Exception {
        StateStore state = new StateStore(paths, AtomicFiles.NO_FSYNC);
        var run = Fixtures.taskRun("task-a", "run-1");
        state.saveSnapshot(Snapshots.withActiveRuns(state.loadSnapshot().orElseThrow(), Map.of(Plane.EXECUTION, run)));
        Files.writeString(paths.statusFile(Plane.EXECUTION), "### PLANNER_COMPLETE\n");
        DoctorReport report = check();
        List<String> messages = report.withCode("snapshot_reconciliation_signal").stream().map(DoctorFinding::message)
                .toList();
        assertTrue(messages.contains("impossible_execution_status_marker: impossible_status_marker (marker "
                + "### PLANNER_COMPLETE cannot follow active stage builder)"), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("stale_active_ownership: stale_active_ownership (task "
                + "task-a of run run-1 is not in active/")), messages.toString());
    }

    @Test
    void orphanedRecoveryCounters() {
        new StateStore(paths, AtomicFiles.NO_FSYNC).saveCounters(new RecoveryCounters(List.of(new RecoveryCounterEntry(
                "stale_active_ownership", "task-a", WorkItemKind.TASK, 1, 0, 0, 0, Fixtures.T0))));
        DoctorFinding f = assertFinding(check(), "snapshot_reconciliation_signal", Severity.ERROR,
                "millrace-agents/state/recovery_counters.json");
        assertTrue(f.message().startsWith("orphaned_recovery_counters: stale_recovery_without_active_stage"));
    }

    private void writeLock(long pid, String root) throws Exception {
        DaemonLockRecord record = new DaemonLockRecord(root, pid, InetAddress.getLocalHost().getHostName(),
                "0123456789abcdef0123456789abcdef", Fixtures.T0, null, Fixtures.T0);
        Files.write(paths.daemonLockFile(), MillraceJson.writeBytes(record));
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        return p.pid();
    }

    @Test
    void aStaleLockIsAnErrorThatRepairClears() throws Exception {
        writeLock(deadPid(), paths.workspaceRoot().toString());
        assertFinding(check(), "runtime_ownership_lock_stale", Severity.ERROR, "millrace-agents/state/runtime_daemon.lock.json");
        DoctorReport repaired = doctor().repair(root);
        assertTrue(repaired.repairs().contains("ownership lock cleared_stale"), repaired.repairs().toString());
        assertNoFinding(repaired, "runtime_ownership_lock_stale");
        assertFalse(Files.exists(paths.daemonLockFile()));
    }

    @Test
    void anActiveLockIsAWarningAndBlocksRepair() throws Exception {
        writeLock(ProcessHandle.current().pid(), paths.workspaceRoot().toString());
        Files.writeString(paths.stateDir().resolve(".runtime_snapshot.json.tmp-abc"), "x");
        DoctorReport report = check();
        assertFinding(report, "runtime_ownership_lock_active", Severity.WARNING, "millrace-agents/state/runtime_daemon.lock.json");
        assertNoFinding(report, "atomic_temp_file_stray"); // a live runtime may be writing it
        assertTrue(report.ok());
        DoctorReport repaired = doctor().repair(root);
        assertTrue(repaired.repairs().get(0).startsWith("skipped: a live runtime owns the workspace"));
        assertTrue(Files.exists(paths.daemonLockFile()));
    }

    @Test
    void anInvalidLockIsAnError() throws Exception {
        writeLock(ProcessHandle.current().pid(), "/some/other/workspace");
        assertFinding(check(), "runtime_ownership_lock_invalid", Severity.ERROR, "millrace-agents/state/runtime_daemon.lock.json");
    }

    @Test
    void anUncommittedTransitionIsReportedAndRepairCompletesIt() throws Exception {
        var steps = Transition.named("t").statusMarker(Plane.EXECUTION, "### BUILDER_RUNNING").build().steps();
        JournalRecord intent = new JournalRecord("txn-1", JournalRecord.INTENT, "dispatch_execution", Fixtures.T0, steps);
        Files.writeString(paths.transitionJournalFile(), MillraceJson.writeLine(intent) + "\n");
        DoctorFinding f = assertFinding(check(), "transition_journal_uncommitted", Severity.ERROR,
                "millrace-agents/state/transition_journal.jsonl");
        assertTrue(f.message().contains("dispatch_execution"));
        assertEquals("### IDLE\n", Files.readString(paths.statusFile(Plane.EXECUTION)), "check changed nothing");

        DoctorReport repaired = doctor().repair(root);
        assertNoFinding(repaired, "transition_journal_uncommitted");
        assertEquals("### BUILDER_RUNNING\n", Files.readString(paths.statusFile(Plane.EXECUTION)));
        assertTrue(repaired.repairs().stream().anyMatch(x -> x.contains("completed interrupted transition")),
                repaired.repairs().toString());
    }

    @Test
    void strayTempFilesAreReportedAndRepairDeletesThem() throws Exception {
        Path temp = paths.stateDir().resolve(".runtime_snapshot.json.tmp-0123abcd");
        Files.writeString(temp, "half");
        assertFinding(check(), "atomic_temp_file_stray", Severity.WARNING,
                "millrace-agents/state/.runtime_snapshot.json.tmp-0123abcd");
        doctor().repair(root);
        assertFalse(Files.exists(temp));
    }

    @Test
    void aDispatchRecordWithoutItsActiveRun() throws Exception {
        Files.writeString(paths.stateDir().resolve("dispatch_execution.json"),
                "{\"schema_version\":\"1.0\",\"kind\":\"stage_dispatch\",\"request\":{\"run_id\":\"run-9\"}}\n");
        DoctorFinding f = assertFinding(check(), "dispatch_record_orphaned", Severity.WARNING,
                "millrace-agents/state/dispatch_execution.json");
        assertTrue(f.message().contains("run-9"));
    }

    @Test
    void aTornUsageLedgerIsAWarningThatRepairCuts() throws Exception {
        Files.writeString(paths.usageGovernanceLedgerFile(), "{\"dedupe_key\":\"request-1\",\"coun");
        assertFinding(check(), "usage_governance_ledger_damaged", Severity.WARNING,
                "millrace-agents/state/usage_governance_ledger.jsonl");
        DoctorReport repaired = doctor().repair(root);
        assertNoFinding(repaired, "usage_governance_ledger_damaged");
        assertEquals(0, Files.size(paths.usageGovernanceLedgerFile()));
    }

    @Test
    void checkIsReadOnlyEvenOnABrokenWorkspace() throws Exception {
        write("tasks/queue/broken.md", "no heading\n");
        write("tasks/active/task-a.md", Fixtures.taskMarkdown("task-a", "2026-01-01T00:00:00Z"));
        Files.writeString(paths.usageGovernanceLedgerFile(), "{\"torn");
        Files.writeString(paths.stateDir().resolve(".x.tmp-1"), "t");
        Map<String, String> before = tree(root);
        check();
        assertEquals(before, tree(root));
    }
}
