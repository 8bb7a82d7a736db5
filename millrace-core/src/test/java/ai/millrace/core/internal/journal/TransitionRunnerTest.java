package ai.millrace.core.internal.journal;

import static ai.millrace.core.internal.testing.Fixtures.taskMarkdown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.RecoveryCounterEntry;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.state.Snapshots;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.internal.testing.Fixtures.Env;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransitionRunnerTest {
    @TempDir
    Path root;
    WorkspacePaths paths;
    Env env;

    @BeforeEach
    void setUp() {
        paths = Fixtures.workspaceWithSnapshot(root);
        Fixtures.write(paths.documentFile(WorkItemKind.TASK, QueueState.ACTIVE, "t1"), taskMarkdown("t1", "2026-01-01T00:00:00Z"));
        env = Env.open(paths, AtomicFiles.DURABLE, Fixtures.CLOCK);
        env.state().saveCounters(new RecoveryCounters(List.of(
                new RecoveryCounterEntry("x", "t1", WorkItemKind.TASK, 1, 0, 0, 0, Fixtures.T0))));
    }

    /** The transition the runtime makes when a task finishes. */
    private Transition completeT1() {
        RuntimeSnapshot idle = Snapshots.withStatusMarker(Fixtures.snapshot(), Plane.EXECUTION, "### UPDATE_COMPLETE");
        return Transition.named("complete_task")
                .move(WorkItemKind.TASK, "t1", QueueState.ACTIVE, QueueState.DONE)
                .snapshot(idle)
                .resetCounters(WorkItemKind.TASK, "t1")
                .statusMarker(Plane.EXECUTION, "### UPDATE_COMPLETE")
                .build();
    }

    private void assertCompleted() {
        assertTrue(Files.exists(paths.documentFile(WorkItemKind.TASK, QueueState.DONE, "t1")));
        assertFalse(Files.exists(paths.documentFile(WorkItemKind.TASK, QueueState.ACTIVE, "t1")));
        assertEquals(RecoveryCounters.EMPTY, env.state().loadCounters());
        assertEquals("### UPDATE_COMPLETE", env.state().readStatusMarker(Plane.EXECUTION));
        assertEquals("### UPDATE_COMPLETE", env.state().loadSnapshot().orElseThrow().executionStatusMarker());
        assertEquals(java.util.Set.of("t1"), env.queues().ids(WorkItemKind.TASK, QueueState.DONE));
    }

    @Test
    void runAppliesEveryStepAndJournalsIntentThenCommit() throws Exception {
        List<String> phases = new ArrayList<>();
        env.runner().observer(new TransitionObserver() {
            @Override
            public void intentRecorded(String txn, Transition t) {
                phases.add("intent");
            }

            @Override
            public void stepApplied(String txn, int index, TransitionStep step) {
                phases.add("step" + index);
            }

            @Override
            public void committed(String txn) {
                phases.add("commit");
            }
        });
        String txn = env.runner().run(completeT1());
        assertCompleted();
        assertEquals(List.of("intent", "step0", "step1", "step2", "step3", "commit"), phases);
        List<String> lines = JournalLines.read(paths.transitionJournalFile());
        assertEquals(2, lines.size());
        JournalRecord intent = MillraceJson.read(lines.get(0), JournalRecord.class, "journal");
        assertEquals(txn, intent.txn());
        assertEquals(completeT1().steps(), intent.steps(), "steps round-trip through the journal");
        assertTrue(lines.get(1).contains("\"type\":\"commit\""));
    }

    @Test
    void failedCheckChangesNothing() throws Exception {
        Transition bad = Transition.named("bad")
                .snapshot(Fixtures.snapshot().toBuilder().configVersion("changed").build())
                .move(WorkItemKind.TASK, "nope", QueueState.ACTIVE, QueueState.DONE)
                .build();
        String before = Fixtures.read(paths.snapshotFile());
        assertThrows(MillraceException.class, () -> env.runner().run(bad));
        assertEquals(before, Fixtures.read(paths.snapshotFile()));
        assertFalse(Files.exists(paths.transitionJournalFile()));
    }

    @Test
    void replayRollsAnUncommittedIntentForwardIdempotently() throws Exception {
        Transition t = completeT1();
        // Crash after the intent and the first two steps.
        byte[] intent = (MillraceJson.writeLine(new JournalRecord("txn-1", JournalRecord.INTENT, t.name(), Fixtures.T0,
                t.steps())) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.DURABLE.append(paths.transitionJournalFile(), intent);
        t.steps().get(0).apply(env.runner().context());
        t.steps().get(1).apply(env.runner().context());

        Env restarted = Env.open(paths, AtomicFiles.DURABLE, Fixtures.CLOCK);
        ReplayReport report = restarted.runner().replay();
        env = restarted;
        assertEquals(List.of("complete_task/txn-1"), report.rolledForward());
        assertCompleted();
        assertEquals(List.of(), JournalLines.read(paths.transitionJournalFile()), "journal emptied once nothing is open");
        assertTrue(restarted.runner().replay().rolledForward().isEmpty(), "a second replay has nothing to do");
        assertCompleted();
    }

    @Test
    void tornIntentIsRolledBack() throws Exception {
        String line = MillraceJson.writeLine(new JournalRecord("txn-1", JournalRecord.INTENT, "complete_task",
                Fixtures.T0, completeT1().steps()));
        Files.writeString(paths.transitionJournalFile(), line.substring(0, line.length() / 2));
        ReplayReport report = env.runner().replay();
        assertTrue(report.rolledForward().isEmpty());
        assertTrue(report.tornTailBytes() > 0);
        assertTrue(Files.exists(paths.documentFile(WorkItemKind.TASK, QueueState.ACTIVE, "t1")), "nothing applied");
        assertEquals(1, env.state().loadCounters().entries().size());
    }

    @Test
    void committedIntentsAreReappliedIdempotentlyUntilACheckpoint() throws Exception {
        env.runner().run(completeT1());

        // A redo log replays every intent since the last checkpoint: re-applying the committed
        // move changes nothing and duplicates nothing.
        assertTrue(env.runner().replay().rolledForward().isEmpty(), "no transition was left unfinished");
        assertTrue(Files.exists(paths.documentFile(WorkItemKind.TASK, QueueState.DONE, "t1")));
        assertFalse(Files.exists(paths.documentFile(WorkItemKind.TASK, QueueState.ACTIVE, "t1")));

        // Replay ended with a checkpoint, so the journal is empty: a later move is not undone.
        Files.move(paths.documentFile(WorkItemKind.TASK, QueueState.DONE, "t1"),
                paths.documentFile(WorkItemKind.TASK, QueueState.ACTIVE, "t1"));
        env.runner().replay();
        assertTrue(Files.exists(paths.documentFile(WorkItemKind.TASK, QueueState.ACTIVE, "t1")));
    }

    @Test
    void fileStepsStayInsideTheWorkspace() {
        assertThrows(MillraceException.class, () -> new WriteWorkspaceFile("../outside.txt", "x"));
        assertThrows(MillraceException.class, () -> new DeleteWorkspaceFile("/etc/passwd"));
        env.runner().run(Transition.named("files")
                .step(new WriteWorkspaceFile("millrace-agents/state/x.txt", "hello"))
                .step(new EnqueueDocument(WorkItemKind.TASK, "t2", taskMarkdown("t2", "2026-01-01T00:00:00Z")))
                .build());
        assertEquals("hello", Fixtures.read(paths.stateDir().resolve("x.txt")));
        assertEquals(1, env.queues().queueDepth(WorkItemKind.TASK));
        assertThrows(MillraceException.class, () -> env.runner().run(Transition.named("dup")
                .step(new EnqueueDocument(WorkItemKind.TASK, "t1", taskMarkdown("t1", "2026-01-01T00:00:00Z"))).build()));
        env.runner().run(Transition.named("rm").step(new DeleteWorkspaceFile("millrace-agents/state/x.txt")).build());
        assertFalse(Files.exists(paths.stateDir().resolve("x.txt")));
        assertEquals(Map.of(), Map.of());
    }

    /** The transition names of the intents in the journal, oldest first. */
    private List<String> journaledNames() throws Exception {
        List<String> names = new ArrayList<>();
        for (String line : JournalLines.read(paths.transitionJournalFile())) {
            JournalRecord r = ai.millrace.compiler.internal.json.MillraceJson.read(line, JournalRecord.class, "journal");
            if (r.type().equals(JournalRecord.INTENT)) {
                names.add(r.name());
            }
        }
        return names;
    }

    @Test
    void pastItsSizeTheJournalIsCheckpointedInTheBackgroundAndLaterRecordsAreKept() throws Exception {
        String big = "x".repeat(900 * 1024); // five of these pass 4 MiB, four do not
        for (int i = 0; i < 5; i++) { // over 4 MiB of records: the fifth starts a background checkpoint
            env.runner().run(Transition.named("big-" + i)
                    .step(new WriteWorkspaceFile("millrace-agents/state/big-" + i + ".txt", big)).build());
        }
        java.util.concurrent.Future<?> forcing = env.runner().backgroundForcing();
        assertTrue(forcing != null, "a background checkpoint started");
        forcing.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(5, journaledNames().size(), "nothing is dropped until a transition sees the forcing done");

        env.runner().run(Transition.named("after").step(new WriteWorkspaceFile("millrace-agents/state/after.txt",
                "after")).build());
        assertEquals(List.of("after"), journaledNames(), "the forced records are dropped, the later one kept");
        for (int i = 0; i < 5; i++) {
            assertEquals(big, Fixtures.read(paths.stateDir().resolve("big-" + i + ".txt")));
        }

        // The kept record still replays: its file comes back.
        Files.delete(paths.stateDir().resolve("after.txt"));
        env.runner().replay();
        assertEquals("after", Fixtures.read(paths.stateDir().resolve("after.txt")));
    }

    @Test
    void aHeldDispatchKeepsEveryRecordUntilItIsApplied() throws Exception {
        String big = "x".repeat(900 * 1024); // five of these pass 4 MiB, four do not
        for (int i = 0; i < 4; i++) {
            env.runner().run(Transition.named("big-" + i)
                    .step(new WriteWorkspaceFile("millrace-agents/state/big-" + i + ".txt", big)).build());
        }
        env.runner().run(Transition.named("result").step(new WriteWorkspaceFile("millrace-agents/state/r.txt",
                big)).build(), List.of(new WriteWorkspaceFile("millrace-agents/state/held.txt", "held")));
        assertEquals(null, env.runner().backgroundForcing(), "no checkpoint while steps are held");
        env.runner().checkpoint();
        assertEquals(5, journaledNames().size(), "a checkpoint leaves the journal alone while steps are held");
        assertFalse(Files.exists(paths.stateDir().resolve("held.txt")));
        env.runner().applyHeld();
        assertEquals("held", Fixtures.read(paths.stateDir().resolve("held.txt")));
        env.runner().checkpoint();
        assertEquals(List.of(), journaledNames());
    }
}
