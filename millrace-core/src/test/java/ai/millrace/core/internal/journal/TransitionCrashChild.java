package ai.millrace.core.internal.journal;

import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RecoveryCounterEntry;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.queue.ClaimedDocument;
import ai.millrace.core.internal.queue.DocumentCodec;
import ai.millrace.core.internal.state.Snapshots;
import ai.millrace.core.internal.state.StatusMarkers;
import ai.millrace.core.internal.testing.Fixtures;
import ai.millrace.core.internal.testing.Fixtures.Env;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Child JVM for {@link TransitionCrashTest}: recovers the workspace, then runs the runtime's
 * queue transitions (claim, complete, block, requeue, counter updates, enqueue) in a random but
 * seeded order, printing one progress line per journal phase so the parent can kill it
 * anywhere. Args: workspace root, seed, number of operations.
 */
public final class TransitionCrashChild {
    private TransitionCrashChild() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        WorkspacePaths paths = WorkspacePaths.of(Path.of(args[0]));
        long seed = Long.parseLong(args[1]);
        int operations = Integer.parseInt(args[2]);
        Clock clock = Clock.systemUTC();
        Env env = Env.open(paths, AtomicFiles.DURABLE, clock);
        // After each journal event the child waits for the parent's "go", so a kill lands exactly
        // at the event the parent chose, however fast the transitions run.
        java.io.BufferedReader control = new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
        env.runner().observer(new TransitionObserver() {
            @Override
            public void intentRecorded(String txn, Transition t) {
                report("intent " + t.name());
            }

            @Override
            public void stepApplied(String txn, int index, TransitionStep step) {
                report("step " + index);
            }

            @Override
            public void committed(String txn) {
                report("commit");
            }

            private void report(String event) {
                out.println(event);
                try {
                    control.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        StartupRecovery.recover(env.runner(), clock);
        out.println("recovered");
        Random random = new Random(seed);
        RuntimeSnapshot snapshot = env.state().loadSnapshot().orElseThrow();
        for (int op = 0; op < operations; op++) {
            ActiveRunState run = snapshot.activeRunsByPlane().get(Plane.EXECUTION);
            int dice = random.nextInt(100);
            if (dice < 20) {
                String id = "n-" + seed + "-" + op;
                TaskDocument doc = DocumentCodec.standard().parse(
                        Fixtures.taskMarkdown(id, "2026-01-01T00:00:" + String.format("%02d", op % 60) + "Z"),
                        TaskDocument.class, id + ".md");
                env.queues().enqueue(doc);
                out.println("enqueued " + id);
                continue;
            }
            if (run == null) {
                Optional<ClaimedDocument> next = env.queues().nextCandidate(Plane.EXECUTION, null);
                if (next.isEmpty()) {
                    continue;
                }
                String id = next.get().id();
                RuntimeSnapshot busy = Snapshots.withActiveRuns(snapshot,
                        Map.of(Plane.EXECUTION, Fixtures.taskRun(id, "run-" + seed + "-" + op)));
                busy = Snapshots.withStatusMarker(busy, Plane.EXECUTION, "### BUILDER_RUNNING");
                busy = depths(env, busy, -1);
                snapshot = busy.toBuilder().updatedAt(clock.instant()).build();
                env.runner().run(Transition.named("claim_task")
                        .move(WorkItemKind.TASK, id, QueueState.QUEUED, QueueState.ACTIVE)
                        .snapshot(snapshot)
                        .statusMarker(Plane.EXECUTION, "### BUILDER_RUNNING")
                        .build());
                continue;
            }
            String id = run.workItemId();
            if (dice < 30) {
                RecoveryCounters counters = new RecoveryCounters(List.of(new RecoveryCounterEntry(
                        "recoverable_failure", id, WorkItemKind.TASK, op % 3, 0, 0, 0, clock.instant())));
                snapshot = snapshot.toBuilder().troubleshootAttemptCount(op % 3).updatedAt(clock.instant()).build();
                env.runner().run(Transition.named("count_attempt").counters(counters).snapshot(snapshot).build());
                continue;
            }
            QueueState to = dice < 75 ? QueueState.DONE : dice < 85 ? QueueState.BLOCKED : QueueState.QUEUED;
            RuntimeSnapshot idle = Snapshots.withActiveRuns(snapshot, new EnumMap<>(Plane.class));
            idle = Snapshots.withStatusMarker(idle, Plane.EXECUTION, StatusMarkers.IDLE);
            idle = depths(env, idle, to == QueueState.QUEUED ? 1 : 0);
            snapshot = idle.toBuilder().troubleshootAttemptCount(0).updatedAt(clock.instant()).build();
            Transition.Builder t = Transition.named("finish_task");
            if (to == QueueState.QUEUED) {
                t.requeue(WorkItemKind.TASK, id, "crash test requeue");
            } else {
                t.move(WorkItemKind.TASK, id, QueueState.ACTIVE, to);
            }
            env.runner().run(t.snapshot(snapshot)
                    .resetCounters(WorkItemKind.TASK, id)
                    .statusMarker(Plane.EXECUTION, StatusMarkers.IDLE)
                    .build());
        }
        out.println("finished");
    }

    private static RuntimeSnapshot depths(Env env, RuntimeSnapshot s, int executionDelta) {
        return Snapshots.withQueueDepths(s, env.queues().planeDepth(Plane.EXECUTION) + executionDelta,
                env.queues().planeDepth(Plane.PLANNING), env.queues().planeDepth(Plane.LEARNING));
    }
}
