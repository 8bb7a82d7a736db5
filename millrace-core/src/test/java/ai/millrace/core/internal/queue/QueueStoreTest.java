package ai.millrace.core.internal.queue;

import static ai.millrace.core.internal.testing.Fixtures.incidentMarkdown;
import static ai.millrace.core.internal.testing.Fixtures.list;
import static ai.millrace.core.internal.testing.Fixtures.read;
import static ai.millrace.core.internal.testing.Fixtures.specMarkdown;
import static ai.millrace.core.internal.testing.Fixtures.taskMarkdown;
import static ai.millrace.core.internal.testing.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QueueStoreTest {
    @TempDir
    Path root;
    WorkspacePaths paths;

    @BeforeEach
    void setUp() {
        paths = Fixtures.workspace(root);
    }

    private QueueStore open() {
        return QueueStore.open(paths, DocumentCodec.standard(), AtomicFiles.NO_FSYNC, Fixtures.CLOCK);
    }

    private void drop(QueueState state, String id, String markdown) {
        write(paths.documentFile(WorkItemKind.TASK, state, id), markdown);
    }

    private TaskDocument task(String id, String createdAt) {
        return DocumentCodec.standard().parse(taskMarkdown(id, createdAt), TaskDocument.class, id + ".md");
    }

    private static String claimedId(Optional<ClaimedDocument> c) {
        return c.map(ClaimedDocument::id).orElse(null);
    }

    @ParameterizedTest
    @EnumSource(QueueState.class)
    void enqueueRefusesAnIdPresentInAnyFolder(QueueState state) {
        drop(state, "t1", taskMarkdown("t1", "2026-01-01T00:00:00Z"));
        QueueStore store = open();
        MillraceException e = assertThrows(MillraceException.class,
                () -> store.enqueue(task("t1", "2026-01-02T00:00:00Z")));
        assertEquals(ErrorCode.QUEUE_CONFLICT, e.errorCode());
        assertTrue(e.detail().contains("task t1 already exists"), e.detail());
    }

    @Test
    void enqueueWritesMarkdownThatClaimsBack() {
        QueueStore store = open();
        Path file = store.enqueue(task("t1", "2026-01-01T00:00:00Z"));
        assertEquals(paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, "t1"), file);
        assertEquals(1, store.queueDepth(WorkItemKind.TASK));
        ClaimedDocument c = store.claim(Plane.EXECUTION, null).orElseThrow();
        assertEquals(task("t1", "2026-01-01T00:00:00Z"), c.document());
        assertEquals(paths.documentFile(WorkItemKind.TASK, QueueState.ACTIVE, "t1"), c.path());
        assertFalse(Files.exists(file));
        assertEquals(0, store.queueDepth(WorkItemKind.TASK));
    }

    @Test
    void claimsOldestEligibleFirstAndGatesOnDependencies() {
        drop(QueueState.QUEUED, "a", taskMarkdown("a", "2026-01-03T00:00:00Z"));
        drop(QueueState.QUEUED, "b", taskMarkdown("b", "2026-01-01T00:00:00Z", "a"));
        drop(QueueState.QUEUED, "c", taskMarkdown("c", "2026-01-02T00:00:00Z"));
        QueueStore store = open();
        assertEquals("c", claimedId(store.claim(Plane.EXECUTION, null)), "b is older but waits for a");
        assertTrue(store.claim(Plane.EXECUTION, null).isEmpty(), "one active task at a time");
        store.complete(WorkItemKind.TASK, "c");
        assertEquals("a", claimedId(store.claim(Plane.EXECUTION, null)));
        store.block(WorkItemKind.TASK, "a");
        assertTrue(store.claim(Plane.EXECUTION, null).isEmpty(), "b waits: a is blocked, not done");
        assertEquals(1, store.queueDepth(WorkItemKind.TASK));
    }

    @Test
    void completingADependencyReleasesTheDependent() {
        drop(QueueState.QUEUED, "a", taskMarkdown("a", "2026-01-03T00:00:00Z"));
        drop(QueueState.QUEUED, "b", taskMarkdown("b", "2026-01-01T00:00:00Z", "a"));
        QueueStore store = open();
        assertEquals("a", claimedId(store.claim(Plane.EXECUTION, null)));
        store.complete(WorkItemKind.TASK, "a");
        assertEquals("b", claimedId(store.claim(Plane.EXECUTION, null)));
    }

    @Test
    void dependencyAlreadyDoneOnDiskCountsAtOpen() {
        drop(QueueState.DONE, "a", taskMarkdown("a", "2026-01-01T00:00:00Z"));
        drop(QueueState.QUEUED, "b", taskMarkdown("b", "2026-01-01T00:00:00Z", "a"));
        assertEquals("b", claimedId(open().claim(Plane.EXECUTION, null)));
    }

    @Test
    void planningClaimsIncidentsBeforeSpecsEachOldestFirst() {
        write(paths.documentFile(WorkItemKind.SPEC, QueueState.QUEUED, "s-old"), specMarkdown("s-old", "2025-01-01T00:00:00Z"));
        write(paths.documentFile(WorkItemKind.INCIDENT, QueueState.QUEUED, "i-new"), incidentMarkdown("i-new", "2026-02-01T00:00:00Z"));
        write(paths.documentFile(WorkItemKind.INCIDENT, QueueState.QUEUED, "i-old"), incidentMarkdown("i-old", "2026-01-01T00:00:00Z"));
        QueueStore store = open();
        assertEquals(3, store.planeDepth(Plane.PLANNING));
        List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ClaimedDocument c = store.claim(Plane.PLANNING, null).orElseThrow();
            order.add(c.id());
            store.complete(c.kind(), c.id());
        }
        assertEquals(List.of("i-old", "i-new", "s-old"), order);
        assertTrue(Files.exists(paths.documentFile(WorkItemKind.INCIDENT, QueueState.DONE, "i-old")));
        assertTrue(paths.queueDir(WorkItemKind.INCIDENT, QueueState.DONE).endsWith("resolved"));
    }

    @Test
    void rootFilterLimitsTheClaim() {
        drop(QueueState.QUEUED, "a", taskMarkdown("a", "2026-01-01T00:00:00Z"));
        drop(QueueState.QUEUED, "b", taskMarkdown("b", "2026-01-02T00:00:00Z").replace("Created-By: t", "Created-By: t\nRoot-Spec-ID: r1"));
        QueueStore store = open();
        assertEquals("b", claimedId(store.nextCandidate(Plane.EXECUTION, "r1")));
        assertTrue(store.nextCandidate(Plane.EXECUTION, "r2").isEmpty());
        assertEquals("a", claimedId(store.nextCandidate(Plane.EXECUTION, null)));
    }

    @Test
    void moreThanOneActiveItemOfAPlaneIsAConflict() {
        drop(QueueState.ACTIVE, "a", taskMarkdown("a", "2026-01-01T00:00:00Z"));
        drop(QueueState.ACTIVE, "b", taskMarkdown("b", "2026-01-01T00:00:00Z"));
        MillraceException e = assertThrows(MillraceException.class, () -> open().claim(Plane.EXECUTION, null));
        assertEquals(ErrorCode.QUEUE_CONFLICT, e.errorCode());
        assertTrue(e.detail().contains("task a, task b"), e.detail());
    }

    @Test
    void requeueMovesBackAndRecordsTheReason() throws Exception {
        drop(QueueState.QUEUED, "a", taskMarkdown("a", "2026-01-01T00:00:00Z"));
        QueueStore store = open();
        store.claim(Plane.EXECUTION, null);
        assertThrows(MillraceException.class, () -> store.requeue(WorkItemKind.TASK, "a", " "));
        store.requeue(WorkItemKind.TASK, "a", "operator retry");
        assertTrue(Files.exists(paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, "a")));
        List<String> lines = Files.readAllLines(paths.queueDir(WorkItemKind.TASK, QueueState.QUEUED).resolve("a.requeue.jsonl"));
        assertEquals(List.of("{\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"task\",\"reason\":\"operator retry\"}"), lines);
        assertEquals("a", claimedId(store.claim(Plane.EXECUTION, null)), "a requeued document is claimable again");
    }

    @Test
    void transitionsRefuseAMissingSourceOrATakenDestination() {
        drop(QueueState.ACTIVE, "a", taskMarkdown("a", "2026-01-01T00:00:00Z"));
        drop(QueueState.DONE, "a", taskMarkdown("a", "2026-01-01T00:00:00Z"));
        QueueStore store = open();
        MillraceException taken = assertThrows(MillraceException.class, () -> store.complete(WorkItemKind.TASK, "a"));
        assertTrue(taken.detail().contains("already exists at destination"), taken.detail());
        MillraceException missing = assertThrows(MillraceException.class, () -> store.block(WorkItemKind.TASK, "zz"));
        assertTrue(missing.detail().contains("task zz is not active"), missing.detail());
    }

    @Test
    void unparseableDocumentIsQuarantinedWithADiagnosticNeverDeleted() throws Exception {
        String garbage = "no title here\nTask-ID: bad\n";
        drop(QueueState.QUEUED, "bad", garbage);
        drop(QueueState.QUEUED, "good", taskMarkdown("good", "2026-01-05T00:00:00Z"));
        write(paths.queueDir(WorkItemKind.TASK, QueueState.QUEUED).resolve("bad.md.invalid"), "older quarantine");
        QueueStore store = open();
        Path dir = paths.queueDir(WorkItemKind.TASK, QueueState.QUEUED);
        assertEquals(garbage, read(dir.resolve("bad.md.invalid.1")), "kept byte for byte, next free name");
        assertEquals("older quarantine", read(dir.resolve("bad.md.invalid")));
        JsonNode line = MillraceJson.readTree(Files.readAllLines(dir.resolve(Quarantine.LOG_NAME)).get(0), "log");
        assertEquals("bad.md", line.get("source_name").asText());
        assertEquals("bad.md.invalid.1", line.get("quarantine_name").asText());
        assertTrue(line.get("error").asText().contains("H1"), line.toString());
        assertEquals("good", claimedId(store.claim(Plane.EXECUTION, null)));
    }

    @Test
    void anEmptyQueuedFileIsLeftForLaterNeitherIndexedNorQuarantined() {
        // A file dropped straight into the queue folder exists before its bytes do.
        drop(QueueState.QUEUED, "late", "");
        QueueStore store = open();
        assertTrue(store.claim(Plane.EXECUTION, null).isEmpty());
        assertEquals(List.of("late.md"), list(paths.queueDir(WorkItemKind.TASK, QueueState.QUEUED)));
        drop(QueueState.QUEUED, "late", taskMarkdown("late", "2026-01-01T00:00:00Z"));
        store.rescan();
        assertEquals("late", claimedId(store.claim(Plane.EXECUTION, null)));
    }

    @Test
    void documentWhoseIdDiffersFromItsFileNameIsQuarantined() {
        drop(QueueState.QUEUED, "x", taskMarkdown("y", "2026-01-01T00:00:00Z"));
        QueueStore store = open();
        assertTrue(store.claim(Plane.EXECUTION, null).isEmpty());
        assertEquals(List.of("invalid-artifacts.jsonl", "x.md.invalid"), list(paths.queueDir(WorkItemKind.TASK, QueueState.QUEUED)));
    }

    @Test
    void claimRereadsTheFileItPicks() {
        drop(QueueState.QUEUED, "a", taskMarkdown("a", "2026-01-01T00:00:00Z"));
        drop(QueueState.QUEUED, "b", taskMarkdown("b", "2026-01-02T00:00:00Z"));
        drop(QueueState.QUEUED, "c", taskMarkdown("c", "2026-01-03T00:00:00Z"));
        QueueStore store = open();
        // Edited from outside after indexing: a now depends on c, b became unreadable.
        drop(QueueState.QUEUED, "a", taskMarkdown("a", "2026-01-01T00:00:00Z", "c"));
        Fixtures.write(paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, "b"), "no title here\n");
        assertEquals("c", claimedId(store.claim(Plane.EXECUTION, null)));
        assertTrue(Files.exists(paths.queueDir(WorkItemKind.TASK, QueueState.QUEUED).resolve("b.md.invalid")));
        store.complete(WorkItemKind.TASK, "c");
        assertEquals("a", claimedId(store.claim(Plane.EXECUTION, null)));
    }

    @Test
    void rescanPicksUpDropInsAndForgetsRemovals() throws Exception {
        drop(QueueState.QUEUED, "a", taskMarkdown("a", "2026-01-01T00:00:00Z"));
        QueueStore store = open();
        Files.delete(paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, "a"));
        drop(QueueState.QUEUED, "b", taskMarkdown("b", "2026-01-02T00:00:00Z", "d"));
        drop(QueueState.DONE, "d", taskMarkdown("d", "2026-01-02T00:00:00Z"));
        assertEquals(1, store.queueDepth(WorkItemKind.TASK), "not seen before a rescan");
        store.rescan();
        assertEquals(1, store.queueDepth(WorkItemKind.TASK));
        assertEquals(java.util.Set.of("d"), store.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals("b", claimedId(store.claim(Plane.EXECUTION, null)));
    }

    @Test
    void rescanQueuedListsOnlyTheQueueFolders() throws Exception {
        drop(QueueState.QUEUED, "a", taskMarkdown("a", "2026-01-01T00:00:00Z"));
        QueueStore store = open();
        Files.delete(paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, "a"));
        drop(QueueState.QUEUED, "b", taskMarkdown("b", "2026-01-02T00:00:00Z"));
        drop(QueueState.DONE, "d", taskMarkdown("d", "2026-01-02T00:00:00Z"));
        store.rescanQueued();
        assertEquals(java.util.Set.of("b"), store.ids(WorkItemKind.TASK, QueueState.QUEUED),
                "drop-ins found, removals forgotten");
        assertEquals(java.util.Set.of(), store.ids(WorkItemKind.TASK, QueueState.DONE),
                "done/ is left to the full rescan at start-up");
        store.rescan();
        assertEquals(java.util.Set.of("d"), store.ids(WorkItemKind.TASK, QueueState.DONE));
    }

    @Test
    void tempFilesAndSideLogsAreNotDocuments() {
        drop(QueueState.QUEUED, "a", taskMarkdown("a", "2026-01-01T00:00:00Z"));
        write(paths.queueDir(WorkItemKind.TASK, QueueState.QUEUED).resolve(".a.md.tmp-0123"), "partial");
        write(paths.queueDir(WorkItemKind.TASK, QueueState.QUEUED).resolve("a.requeue.jsonl"), "{}\n");
        QueueStore store = open();
        assertEquals(1, store.queueDepth(WorkItemKind.TASK));
    }
}
