package ai.millrace.core.internal.journal;

import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.internal.state.Snapshots;
import ai.millrace.core.internal.state.StatusMarkers;
import ai.millrace.core.workspace.QueueState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes the queue folders and the snapshot agree, repairing what the original leaves broken
 * (spec 02 section 12 items 1, 5 and 11):
 *
 * <ol>
 *   <li>a document in more than one folder keeps the copy in the most advanced state
 *       (done, then blocked, then active, then queued); the others are quarantined;</li>
 *   <li>an active run whose document is not in {@code active/} is cleared and its plane marked
 *       {@code ### IDLE};</li>
 *   <li>a document in {@code active/} that no active run owns is requeued;</li>
 *   <li>the snapshot's queue depths are set from the folders and its status marker mirror from
 *       the status files.</li>
 * </ol>
 * The snapshot changes and requeues run as one journaled transition. Afterwards every work item
 * is in exactly one folder and the snapshot agrees with the folders. Not thread-safe: run it
 * before the runtime starts working.
 */
public final class Reconciler {
    /** The requeue reason recorded for orphaned active documents. */
    public static final String ORPHAN_REASON = "reconciled: active document without an active run";
    private static final List<QueueState> PRECEDENCE =
            List.of(QueueState.DONE, QueueState.BLOCKED, QueueState.ACTIVE, QueueState.QUEUED);

    private final TransitionRunner runner;
    private final Clock clock;

    /**
     * Creates a reconciler.
     *
     * @param runner runs the repair transition
     * @param clock stamps the snapshot
     */
    public Reconciler(TransitionRunner runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * Reconciles the workspace.
     *
     * @return one line per repair made
     */
    public List<String> reconcile() {
        TransitionContext ctx = runner.context();
        QueueStore queues = ctx.queues();
        List<String> repairs = new ArrayList<>();
        for (Path q : queues.rescan()) {
            repairs.add("quarantined unreadable document " + q);
        }
        removeDuplicates(queues, repairs);

        Optional<RuntimeSnapshot> loaded = ctx.state().loadSnapshot();
        Transition.Builder repair = Transition.named("reconcile");
        Map<Plane, ActiveRunState> runs = new EnumMap<>(Plane.class);
        loaded.ifPresent(s -> runs.putAll(s.activeRunsByPlane()));
        Set<Plane> cleared = EnumSet.noneOf(Plane.class);
        for (Map.Entry<Plane, ActiveRunState> e : new EnumMap<>(runs).entrySet()) {
            ActiveRunState run = e.getValue();
            if (run.workItemKind() != null
                    && !queues.ids(run.workItemKind(), QueueState.ACTIVE).contains(run.workItemId())) {
                runs.remove(e.getKey());
                cleared.add(e.getKey());
                repairs.add("cleared " + e.getKey() + " run " + run.runId() + ": " + run.workItemKind() + " "
                        + run.workItemId() + " is not in active/");
            }
        }
        Set<String> owned = new HashSet<>();
        runs.values().forEach(r -> owned.add(r.workItemKind() + "/" + r.workItemId()));
        int requeued = 0;
        for (WorkItemKind kind : WorkItemKind.values()) {
            for (String id : queues.ids(kind, QueueState.ACTIVE)) {
                if (!owned.contains(kind + "/" + id)) {
                    repair.requeue(kind, id, ORPHAN_REASON);
                    requeued++;
                    repairs.add("requeued " + kind + " " + id + ": in active/ but no active run owns it");
                }
            }
        }
        for (Plane plane : cleared) {
            repair.statusMarker(plane, StatusMarkers.IDLE);
        }
        if (loaded.isPresent()) {
            RuntimeSnapshot before = loaded.get();
            RuntimeSnapshot after = cleared.isEmpty() ? before : Snapshots.withActiveRuns(before, runs);
            for (Plane plane : Plane.values()) {
                String marker = cleared.contains(plane) ? StatusMarkers.IDLE : ctx.state().readStatusMarker(plane);
                if (StatusMarkers.isValid(marker) && !marker.equals(StatusMarkers.INVALID)
                        && !marker.equals(after.statusMarkersByPlane().get(plane))) {
                    after = Snapshots.withStatusMarker(after, plane, marker);
                }
            }
            after = withDepths(after, queues, requeuedByPlane(repair.build()));
            if (Snapshots.differ(before, after)) {
                repair.snapshot(after.toBuilder().updatedAt(clock.instant()).build());
                if (!before.queueDepthsByPlane().equals(after.queueDepthsByPlane()) && requeued == 0 && cleared.isEmpty()) {
                    repairs.add("snapshot queue depths set to " + after.queueDepthsByPlane());
                }
            }
        } else if (requeued > 0) {
            repairs.add("no snapshot to reconcile; the runtime writes one when it starts");
        }
        Transition t = repair.build();
        if (!t.steps().isEmpty()) {
            runner.run(t);
            // A requeued document that does not parse was quarantined on the way: recount.
            loaded = ctx.state().loadSnapshot();
            if (loaded.isPresent()) {
                RuntimeSnapshot recount = withDepths(loaded.get(), queues, Map.of());
                if (Snapshots.differ(loaded.get(), recount)) {
                    ctx.state().saveSnapshot(recount.toBuilder().updatedAt(clock.instant()).build());
                }
            }
        }
        return repairs;
    }

    private static void removeDuplicates(QueueStore queues, List<String> repairs) {
        for (WorkItemKind kind : WorkItemKind.values()) {
            Set<String> all = new TreeSet<>();
            for (QueueState state : QueueState.values()) {
                all.addAll(queues.ids(kind, state));
            }
            for (String id : all) {
                EnumSet<QueueState> states = queues.statesOnDisk(kind, id);
                if (states.size() < 2) {
                    continue;
                }
                QueueState keep = PRECEDENCE.stream().filter(states::contains).findFirst().orElseThrow();
                for (QueueState state : states) {
                    if (state != keep) {
                        Path moved = queues.quarantine(kind, state, id, "duplicate of " + keep.folderFor(kind) + "/"
                                + id + ".md, which was kept; compare the two and merge by hand if needed");
                        repairs.add("quarantined duplicate " + kind + " " + id + " in " + state.folderFor(kind)
                                + " as " + moved.getFileName() + " (kept " + keep.folderFor(kind) + ")");
                    }
                }
            }
        }
    }

    private static Map<Plane, Integer> requeuedByPlane(Transition t) {
        Map<Plane, Integer> out = new EnumMap<>(Plane.class);
        for (TransitionStep s : t.steps()) {
            if (s instanceof MoveDocument m && m.to() == QueueState.QUEUED) {
                out.merge(QueueStore.planeOf(m.workItemKind()), 1, Integer::sum);
            }
        }
        return out;
    }

    private static RuntimeSnapshot withDepths(RuntimeSnapshot s, QueueStore queues, Map<Plane, Integer> extra) {
        return Snapshots.withQueueDepths(s,
                queues.planeDepth(Plane.EXECUTION) + extra.getOrDefault(Plane.EXECUTION, 0),
                queues.planeDepth(Plane.PLANNING) + extra.getOrDefault(Plane.PLANNING, 0),
                queues.planeDepth(Plane.LEARNING) + extra.getOrDefault(Plane.LEARNING, 0));
    }
}
