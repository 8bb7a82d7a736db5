package ai.millrace.core.internal.doctor;

import ai.millrace.api.Plane;
import ai.millrace.api.StageMetadata;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RecoveryCounterEntry;
import ai.millrace.core.internal.state.StatusMarkers;
import ai.millrace.core.workspace.QueueState;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The reconciliation signals of spec 02 section 3.10, judged with the static stage tables (no
 * compiled plan): impossible status markers of active planes, active runs whose document is not
 * in {@code active/} (this port's form of stale ownership: a stopped runtime keeps its runs and
 * resumes them, so a stopped runtime with active runs is not itself a signal), and recovery
 * counters left behind with no active run. Read-only.
 */
public final class SignalCheck {
    private static final String FIX = "run `millrace doctor --repair` (or start the runtime) to reconcile, or "
            + "`millrace control clear-stale-state` to requeue all active work";

    private SignalCheck() {
    }

    /**
     * Runs the checks.
     *
     * @param f the collector
     * @param loaded the state read by {@link StateCheck}
     */
    public static void run(Findings f, StateCheck.Loaded loaded) {
        if (loaded.snapshot() == null) {
            return;
        }
        Map<Plane, ActiveRunState> runs = loaded.snapshot().activeRunsByPlane();
        for (ActiveRunState run : runs.values()) {
            Plane plane = run.plane();
            String marker = loaded.markers().get(plane);
            Set<String> allowed = allowed(plane);
            if (run.runningStatusMarker() != null) {
                allowed.add("### " + run.runningStatusMarker());
            }
            boolean builtIn = StageMetadataRegistry.builtIn().find(run.stage()).isPresent();
            if (plane != Plane.LEARNING && builtIn && marker != null && !allowed.contains(marker)) {
                signal(f, plane, "impossible_" + plane.wireName() + "_status_marker", "impossible_status_marker",
                        "marker " + marker + " cannot follow active stage " + run.stage());
            }
            if (run.workItemKind() != null && !Files.isRegularFile(f.paths().documentFile(run.workItemKind(),
                    QueueState.ACTIVE, run.workItemId()))) {
                signal(f, plane, "stale_active_ownership", "stale_active_ownership", run.workItemKind() + " "
                        + run.workItemId() + " of run " + run.runId() + " is not in active/");
            }
        }
        if (runs.isEmpty() && loaded.counters() != null) {
            for (RecoveryCounterEntry e : loaded.counters().entries()) {
                if (e.troubleshootAttemptCount() + e.mechanicAttemptCount() + e.fixCycleCount()
                        + e.consultantInvocations() > 0) {
                    f.error("snapshot_reconciliation_signal", f.paths().recoveryCountersFile(),
                            "orphaned_recovery_counters: stale_recovery_without_active_stage (" + e.workItemKind() + " "
                                    + e.workItemId() + " keeps counters for " + e.failureClass() + " with no active stage)",
                            "run `millrace control clear-stale-state` to empty the counters");
                    return;
                }
            }
        }
    }

    private static void signal(Findings f, Plane plane, String code, String failureClass, String message) {
        f.error("snapshot_reconciliation_signal", f.paths().snapshotFile(), code + ": " + failureClass + " ("
                + message + ")", FIX);
    }

    private static Set<String> allowed(Plane plane) {
        Set<String> out = new HashSet<>();
        out.add(StatusMarkers.IDLE);
        for (StageMetadata m : StageMetadataRegistry.builtIn().forPlane(plane)) {
            out.add(m.runningMarkerLine());
            out.addAll(m.legalTerminalMarkers());
        }
        return out;
    }
}
