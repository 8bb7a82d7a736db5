package ai.millrace.core.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.internal.testing.Fixtures.Env;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL at random points inside queue transitions, over and over on one
 * workspace, and checks after each restart that recovery leaves every work item in exactly one
 * folder, nothing lost or duplicated, and the snapshot agreeing with the folders.
 */
class TransitionCrashTest {
    private static final int ITERATIONS = 30;

    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void killNineAnywhereInsideTransitionsLosesAndDuplicatesNothing() throws Exception {
        WorkspacePaths paths = Fixtures.workspaceWithSnapshot(root);
        Set<String> known = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
            String id = "seed-" + i;
            String[] deps = i % 4 == 3 ? new String[] {"seed-" + (i - 1)} : new String[0];
            Fixtures.write(paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, id),
                    Fixtures.taskMarkdown(id, "2026-01-01T00:00:" + String.format("%02d", i) + "Z", deps));
            known.add(id);
        }
        Random random = new Random(20260101);
        int killedInside = 0;
        int rolledForward = 0;
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            int killAfter = 1 + random.nextInt(60);
            Process child = Fixtures.childJvm(TransitionCrashChild.class, root.toString(),
                    Long.toString(iteration), "400").start();
            boolean recovered = false;
            int progress = 0;
            String last = "";
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                    java.io.Writer go = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                String line;
                boolean killed = false;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("enqueued ")) {
                        known.add(line.substring("enqueued ".length()));
                    }
                    boolean journalEvent = line.startsWith("intent ") || line.startsWith("step ") || line.equals("commit");
                    if (line.equals("recovered")) {
                        recovered = true;
                    } else if (recovered && !killed && journalEvent && progress++ == killAfter) {
                        last = line;
                        killed = true;
                        child.toHandle().destroyForcibly(); // signal only: keeps the pipe readable to EOF
                    }
                    if (journalEvent && !killed) {
                        go.write("go\n"); // the child waits for this after every journal event
                        go.flush();
                    }
                }
            } catch (java.io.IOException e) {
                // The child died while we wrote "go"; its output was read to the end above.
            }
            child.waitFor();
            if (!last.equals("commit") && !last.isEmpty()) {
                killedInside++;
            }
            // Odd iterations leave the damage to the next child's own recovery, which may itself be killed.
            if (iteration % 2 == 0 || iteration == ITERATIONS - 1) {
                rolledForward += verifyAfterRecovery(paths, known);
            }
        }
        assertTrue(rolledForward >= 3, "interrupted transitions must have been rolled forward: " + rolledForward);
        assertTrue(killedInside >= ITERATIONS / 4, "most kills should land inside a transition: " + killedInside);
    }

    private static int verifyAfterRecovery(WorkspacePaths paths, Set<String> known) throws IOException {
        Env env = Env.open(paths, AtomicFiles.NO_FSYNC, Fixtures.CLOCK);
        ReconciliationReport report = StartupRecovery.recover(env.runner(), Fixtures.CLOCK);
        QueueStore queues = env.queues();

        // An enqueue that finished but was killed before it printed is a real item too.
        Set<String> onDisk = new HashSet<>();
        for (QueueState state : QueueState.values()) {
            onDisk.addAll(queues.ids(WorkItemKind.TASK, state));
        }
        for (String id : onDisk) {
            assertTrue(known.contains(id) || id.startsWith("n-"), "unexpected item " + id);
        }
        known.addAll(onDisk);
        for (String id : known) {
            EnumSet<QueueState> states = queues.statesOnDisk(WorkItemKind.TASK, id);
            assertEquals(1, states.size(), "task " + id + " must be in exactly one folder, is in " + states);
        }
        RuntimeSnapshot snapshot = env.state().loadSnapshot().orElseThrow();
        Set<String> active = queues.ids(WorkItemKind.TASK, QueueState.ACTIVE);
        ActiveRunState run = snapshot.activeRunsByPlane().get(Plane.EXECUTION);
        assertEquals(run == null ? Set.of() : Set.of(run.workItemId()), active, "active/ must match the snapshot's run");
        assertEquals(run == null ? null : run.workItemId(), snapshot.activeWorkItemId());
        assertEquals(queues.ids(WorkItemKind.TASK, QueueState.QUEUED).size(), snapshot.queueDepthExecution());
        assertEquals(snapshot.queueDepthExecution(), snapshot.queueDepthsByPlane().get(Plane.EXECUTION));
        assertEquals(env.state().readStatusMarker(Plane.EXECUTION), snapshot.executionStatusMarker());
        if (run == null) {
            assertEquals(List.of(), env.state().loadCounters().entries(), "counters are reset with the run");
        }
        Set<String> open = new HashSet<>();
        for (String line : JournalLines.read(paths.transitionJournalFile())) {
            if (line.isBlank()) {
                continue;
            }
            JournalRecord r = ai.millrace.compiler.internal.json.MillraceJson.read(line, JournalRecord.class, "journal");
            if (JournalRecord.INTENT.equals(r.type())) {
                open.add(r.txn());
            } else {
                open.remove(r.txn());
            }
        }
        assertEquals(Set.of(), open, "every journaled intent must be committed after recovery");
        try (Stream<Path> walk = Files.walk(paths.runtimeRoot())) {
            List<Path> leftovers = walk.filter(p -> AtomicFiles.isTempFile(p)
                    || p.getFileName().toString().contains(".invalid")).toList();
            assertEquals(List.of(), leftovers, "no temp file and nothing quarantined");
        }
        return report.replay().rolledForward().size();
    }
}
