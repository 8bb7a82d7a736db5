package ai.millrace.core.internal.journal;

import static ai.millrace.core.internal.testing.Fixtures.taskMarkdown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.state.Snapshots;
import ai.millrace.core.internal.state.StatusMarkers;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.internal.testing.Fixtures.Env;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {
    @TempDir
    Path root;
    WorkspacePaths paths;

    @BeforeEach
    void setUp() {
        paths = Fixtures.workspaceWithSnapshot(root);
    }

    private void put(QueueState state, String id) {
        Fixtures.write(paths.documentFile(WorkItemKind.TASK, state, id), taskMarkdown(id, "2026-01-01T00:00:00Z"));
    }

    private ReconciliationReport recover() {
        Env env = Env.open(paths, AtomicFiles.NO_FSYNC, Fixtures.CLOCK);
        return StartupRecovery.recover(env.runner(), Fixtures.CLOCK);
    }

    private RuntimeSnapshot snapshot() {
        return Env.open(paths, AtomicFiles.NO_FSYNC, Fixtures.CLOCK).state().loadSnapshot().orElseThrow();
    }

    @Test
    void consistentWorkspaceNeedsNoRepair() {
        put(QueueState.DONE, "d");
        assertTrue(recover().clean());
    }

    @Test
    void activeDocumentWithoutARunIsRequeued() throws Exception {
        // Spec 02 section 12 item 1: a stop cleared the runs but left the file in active/.
        put(QueueState.ACTIVE, "orphan");
        ReconciliationReport report = recover();
        assertTrue(Files.exists(paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, "orphan")));
        assertFalse(Files.exists(paths.documentFile(WorkItemKind.TASK, QueueState.ACTIVE, "orphan")));
        assertEquals(1, snapshot().queueDepthExecution());
        assertTrue(report.repairs().stream().anyMatch(r -> r.contains("requeued task orphan")), report.repairs().toString());
        assertTrue(Files.readString(paths.queueDir(WorkItemKind.TASK, QueueState.QUEUED).resolve("orphan.requeue.jsonl"))
                .contains(Reconciler.ORPHAN_REASON));
    }

    @Test
    void runWhoseDocumentIsNotActiveIsClearedAndThePlaneIdled() {
        put(QueueState.DONE, "t1");
        Fixtures.write(paths.statusFile(Plane.EXECUTION), "### BUILDER_RUNNING\n");
        RuntimeSnapshot busy = Snapshots.withStatusMarker(Snapshots.withActiveRuns(Fixtures.snapshot(),
                Map.of(Plane.EXECUTION, Fixtures.taskRun("t1", "run-1"))), Plane.EXECUTION, "### BUILDER_RUNNING");
        Env.open(paths, AtomicFiles.NO_FSYNC, Fixtures.CLOCK).state().saveSnapshot(busy);
        recover();
        RuntimeSnapshot after = snapshot();
        assertTrue(after.activeRunsByPlane().isEmpty());
        assertEquals(null, after.activeWorkItemId());
        assertEquals(StatusMarkers.IDLE, after.executionStatusMarker());
        assertEquals(StatusMarkers.IDLE, Fixtures.read(paths.statusFile(Plane.EXECUTION)).strip());
    }

    @Test
    void ownedActiveDocumentIsKept() {
        put(QueueState.ACTIVE, "t1");
        Env.open(paths, AtomicFiles.NO_FSYNC, Fixtures.CLOCK).state().saveSnapshot(Snapshots.withActiveRuns(
                Fixtures.snapshot(), Map.of(Plane.EXECUTION, Fixtures.taskRun("t1", "run-1"))));
        assertTrue(recover().clean());
        assertEquals("t1", snapshot().activeWorkItemId());
    }

    @Test
    void duplicateKeepsTheMostAdvancedCopyAndQuarantinesTheRest() {
        put(QueueState.QUEUED, "t1");
        put(QueueState.ACTIVE, "t1");
        put(QueueState.DONE, "t1");
        ReconciliationReport report = recover();
        assertEquals(Set.of(QueueState.DONE), Env.open(paths, AtomicFiles.NO_FSYNC, Fixtures.CLOCK).queues()
                .statesOnDisk(WorkItemKind.TASK, "t1"));
        assertTrue(Files.exists(paths.queueDir(WorkItemKind.TASK, QueueState.QUEUED).resolve("t1.md.invalid")));
        assertTrue(Files.exists(paths.queueDir(WorkItemKind.TASK, QueueState.ACTIVE).resolve("t1.md.invalid")));
        assertEquals(2, report.repairs().stream().filter(r -> r.contains("duplicate")).count(), report.repairs().toString());
        assertEquals(0, snapshot().queueDepthExecution());
    }

    @Test
    void strayTempFilesAreDeletedAndDepthsCorrected() {
        put(QueueState.QUEUED, "q1");
        put(QueueState.QUEUED, "q2");
        stray(paths.stateDir().resolve(".runtime_snapshot.json.tmp-abc"));
        stray(paths.mailboxIncomingDir().resolve(".x.json.tmp-abc"));
        ReconciliationReport report = recover();
        assertEquals(2, report.tempFilesDeleted().size());
        assertFalse(Files.exists(paths.stateDir().resolve(".runtime_snapshot.json.tmp-abc")));
        assertEquals(2, snapshot().queueDepthExecution());
        assertEquals(2, snapshot().queueDepthsByPlane().get(Plane.EXECUTION));
    }

    @Test
    void aFreshTempFileInTheMailboxMayBeAClientAtWorkAndIsLeftAlone() throws Exception {
        // A client dropping a command into the mailbox while the runtime starts.
        Path fresh = paths.mailboxIncomingDir().resolve(".1-add_task.json.tmp-abc");
        Fixtures.write(fresh, "{");
        // Only the runtime writes state/: a temp file there is stray however young.
        Path ours = paths.stateDir().resolve(".runtime_snapshot.json.tmp-abc");
        Fixtures.write(ours, "{");
        ReconciliationReport report = recover();
        assertEquals(List.of(ours.toString()), report.tempFilesDeleted());
        assertTrue(Files.exists(fresh));
    }

    // A temp file left by a crash: older than the grace period.
    private static void stray(Path file) {
        Fixtures.write(file, "{");
        try {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() - StartupRecovery.TEMP_GRACE.toMillis() - 60_000));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void snapshotMarkerMirrorFollowsTheStatusFile() {
        Fixtures.write(paths.statusFile(Plane.PLANNING), "### PLANNER_COMPLETE\n");
        recover();
        assertEquals("### PLANNER_COMPLETE", snapshot().planningStatusMarker());
        assertEquals("### PLANNER_COMPLETE", snapshot().statusMarkersByPlane().get(Plane.PLANNING));
        assertEquals(List.of(), recover().repairs());
    }
}
