package ai.millrace.core.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RecoveryCounterEntry;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RuntimeErrorCode;
import ai.millrace.api.state.RuntimeErrorContext;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path root;
    WorkspacePaths paths;
    StateStore store;

    @BeforeEach
    void setUp() {
        paths = Fixtures.workspace(root);
        store = new StateStore(paths, AtomicFiles.DURABLE);
    }

    @Test
    void snapshotRoundTripsAndIsAbsentUntilWritten() {
        assertTrue(store.loadSnapshot().isEmpty());
        RuntimeSnapshot s = Snapshots.withActiveRuns(Fixtures.snapshot(),
                Map.of(Plane.EXECUTION, Fixtures.taskRun("t1", "run-1")));
        store.saveSnapshot(s);
        RuntimeSnapshot back = store.loadSnapshot().orElseThrow();
        assertEquals(s, back);
        assertEquals("t1", back.activeWorkItemId(), "legacy projection follows the run");
        assertTrue(Fixtures.read(paths.snapshotFile()).startsWith("{\n  \"schema_version\": \"1.0\",\n  \"kind\": \"runtime_snapshot\""));
    }

    @Test
    void clearingRunsDoesNotResurrectThemFromLegacyFields() {
        RuntimeSnapshot busy = Snapshots.withActiveRuns(Fixtures.snapshot(),
                Map.of(Plane.EXECUTION, Fixtures.taskRun("t1", "run-1")));
        RuntimeSnapshot idle = Snapshots.withActiveRuns(busy, new EnumMap<>(Plane.class));
        assertTrue(idle.activeRunsByPlane().isEmpty());
        assertEquals(null, idle.activeWorkItemId());
        assertEquals(null, idle.activeStage());
    }

    @Test
    void malformedSnapshotNamesTheFileAndField() {
        String json = ai.millrace.compiler.internal.json.MillraceJson.write(Fixtures.snapshot());
        Fixtures.write(paths.snapshotFile(), json.replaceFirst("\\{", "{\"bogus\": 1,"));
        MillraceException e = assertThrows(MillraceException.class, () -> store.loadSnapshot());
        assertEquals(ErrorCode.MALFORMED_DOCUMENT, e.errorCode());
        assertTrue(e.detail().contains(paths.snapshotFile().toString()) && e.detail().contains("bogus"), e.detail());
    }

    @Test
    void countersDefaultToEmptyAndResetDropsOnlyOneItem() {
        assertEquals(RecoveryCounters.EMPTY, store.loadCounters());
        RecoveryCounterEntry a = new RecoveryCounterEntry("x", "t1", WorkItemKind.TASK, 1, 0, 0, 0, Fixtures.T0);
        RecoveryCounterEntry b = new RecoveryCounterEntry("y", "t1", WorkItemKind.TASK, 0, 1, 0, 0, Fixtures.T0);
        RecoveryCounterEntry c = new RecoveryCounterEntry("x", "t1", WorkItemKind.SPEC, 2, 0, 0, 0, Fixtures.T0);
        store.saveCounters(new RecoveryCounters(List.of(a, b, c)));
        assertEquals(List.of(c), store.resetCounters(WorkItemKind.TASK, "t1").entries());
        assertEquals(List.of(c), store.loadCounters().entries());
    }

    @Test
    void statusMarkersAreOneLineAndBadFilesReadInvalid() throws Exception {
        store.writeStatusMarker(Plane.EXECUTION, "### BUILDER_RUNNING");
        assertEquals("### BUILDER_RUNNING\n", Fixtures.read(paths.statusFile(Plane.EXECUTION)));
        assertEquals("### BUILDER_RUNNING", store.readStatusMarker(Plane.EXECUTION));
        assertThrows(MillraceException.class, () -> store.writeStatusMarker(Plane.EXECUTION, "BUILDER_RUNNING"));
        assertThrows(MillraceException.class, () -> store.writeStatusMarker(Plane.EXECUTION, "### A\n### B"));
        Fixtures.write(paths.statusFile(Plane.PLANNING), "### A\n### B\n");
        assertEquals(StatusMarkers.INVALID, store.readStatusMarker(Plane.PLANNING));
        Files.delete(paths.statusFile(Plane.LEARNING));
        assertEquals(StatusMarkers.INVALID, store.readStatusMarker(Plane.LEARNING));
    }

    @Test
    void closureTargetsRoundTripAndList() {
        ClosureTargetState t = ClosureTargetState.builder().rootSpecId("root-a").rootIdeaId("idea-a")
                .rootSpecPath("millrace-agents/arbiter/contracts/root-specs/root-a.md")
                .rootIdeaPath("millrace-agents/arbiter/contracts/ideas/idea-a.md")
                .rubricPath("millrace-agents/arbiter/rubrics/root-a.md").openedAt(Fixtures.T0).build();
        store.saveClosureTarget(t);
        Fixtures.write(paths.arbiterDir().resolve("targets").resolve(".root-b.json.tmp-00"), "{");
        assertEquals(t, store.loadClosureTarget("root-a").orElseThrow());
        assertEquals(List.of(t), store.listClosureTargets());
        assertTrue(store.loadClosureTarget("root-b").isEmpty());
    }

    @Test
    void errorContextSavesLoadsAndDeletes() {
        RuntimeErrorContext ctx = new RuntimeErrorContext(RuntimeErrorCode.EXECUTION_POST_STAGE_APPLY_FAILED,
                Plane.EXECUTION, StageId.BUILDER, StageId.TROUBLESHOOTER, WorkItemKind.TASK, "t1", "run-1", null, null,
                null, "millrace-agents/runs/run-1/runtime_error_report.md", "IllegalStateException", "boom", Fixtures.T0);
        store.saveErrorContext(ctx);
        assertEquals(ctx, store.loadErrorContext().orElseThrow());
        assertTrue(store.deleteErrorContext());
        assertFalse(store.deleteErrorContext());
        assertTrue(store.loadErrorContext().isEmpty());
    }
}
