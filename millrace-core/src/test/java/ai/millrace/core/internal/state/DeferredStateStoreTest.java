package ai.millrace.core.internal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.RecoveryCounterEntry;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deferred store holds snapshot, counter and marker writes until it publishes. */
class DeferredStateStoreTest {
    @TempDir
    Path root;
    WorkspacePaths paths;
    StateStore store;

    @BeforeEach
    void setUp() {
        paths = Fixtures.workspaceWithSnapshot(root);
        store = StateStore.deferred(paths, AtomicFiles.DURABLE);
    }

    @Test
    void heldWritesAreReadBackButReachTheDiskOnlyWhenPublished() {
        String onDisk = Fixtures.read(paths.snapshotFile());
        RuntimeSnapshot running = Snapshots.withActiveRuns(Fixtures.snapshot(),
                Map.of(Plane.EXECUTION, Fixtures.taskRun("t1", "run-1")));
        RecoveryCounters counters = new RecoveryCounters(List.of(
                new RecoveryCounterEntry("x", "t1", WorkItemKind.TASK, 1, 0, 0, 0, Fixtures.T0)));
        store.saveSnapshot(running);
        store.saveCounters(counters);
        store.writeStatusMarker(Plane.EXECUTION, "### BUILDER_RUNNING");

        assertTrue(store.hasUnpublished());
        assertEquals(running, store.loadSnapshot().orElseThrow(), "reads see the held snapshot");
        assertEquals(counters, store.loadCounters());
        assertEquals("### BUILDER_RUNNING", store.readStatusMarker(Plane.EXECUTION));
        assertEquals(onDisk, Fixtures.read(paths.snapshotFile()), "the disk is untouched until publish");
        assertFalse(Files.exists(paths.recoveryCountersFile()) && Fixtures.read(paths.recoveryCountersFile())
                .contains("\"t1\""));

        store.publish();
        assertFalse(store.hasUnpublished());
        assertEquals(running, MillraceJson.read(paths.snapshotFile(), RuntimeSnapshot.class));
        assertEquals(counters, MillraceJson.read(paths.recoveryCountersFile(), RecoveryCounters.class));
        assertEquals("### BUILDER_RUNNING\n", Fixtures.read(paths.statusFile(Plane.EXECUTION)));
    }

    @Test
    void onlyTheLastOfSeveralWritesIsPublished() {
        store.writeStatusMarker(Plane.EXECUTION, "### BUILDER_RUNNING");
        store.writeStatusMarker(Plane.EXECUTION, "### BUILDER_COMPLETE");
        store.publish();
        assertEquals("### BUILDER_COMPLETE\n", Fixtures.read(paths.statusFile(Plane.EXECUTION)));
    }

    @Test
    void aFileAlreadyHoldingTheContentIsNotRewritten() throws Exception {
        store.writeStatusMarker(Plane.EXECUTION, "### IDLE");
        store.publish();
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(paths.statusFile(Plane.EXECUTION), old);
        store.writeStatusMarker(Plane.EXECUTION, "### IDLE");
        store.publish();
        assertEquals(old, Files.getLastModifiedTime(paths.statusFile(Plane.EXECUTION)), "same bytes: left alone");
        store.writeStatusMarker(Plane.EXECUTION, "### BLOCKED");
        store.publish();
        assertEquals("### BLOCKED\n", Fixtures.read(paths.statusFile(Plane.EXECUTION)));
    }

    @Test
    void anOrdinaryStoreWritesAtOnce() {
        StateStore direct = new StateStore(paths, AtomicFiles.DURABLE);
        direct.writeStatusMarker(Plane.EXECUTION, "### BLOCKED");
        assertFalse(direct.hasUnpublished());
        assertEquals("### BLOCKED\n", Fixtures.read(paths.statusFile(Plane.EXECUTION)));
    }

    @Test
    void aStageResultIsHeldUntilPublishedAndNotRememberedAfterwards() throws Exception {
        java.nio.file.Path result = paths.runDir("run-1").resolve("stage_results").resolve("request-1.json");
        byte[] bytes = "{\"stage\": \"builder\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(store.defers(result));
        assertFalse(store.defers(paths.runDir("run-1").resolve("runner_stdout.request-1.txt")));
        store.writeFile(result, bytes);
        assertFalse(Files.exists(result), "held, not written");
        store.publish();
        assertArrayEquals(bytes, Files.readAllBytes(result));

        // Written once per stage, so the store keeps no copy to compare with: the same bytes held
        // again are written again (a remembered copy would skip the write).
        Files.delete(result);
        store.writeFile(result, bytes);
        store.publish();
        assertArrayEquals(bytes, Files.readAllBytes(result));
    }
}
