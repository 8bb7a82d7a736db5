package ai.millrace.core.internal.state;

import ai.millrace.api.Plane;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RuntimeSnapshot;
import java.util.EnumMap;
import java.util.Map;

/**
 * Consistent edits of a {@link RuntimeSnapshot}: each keeps the legacy scalar fields and the
 * per-plane maps in agreement, which a plain builder call does not. Stateless.
 */
public final class Snapshots {
    private Snapshots() {
    }

    /**
     * Replaces the active runs. The legacy {@code active_*} projection is cleared so that the
     * snapshot re-projects it from the runs (or leaves it empty), instead of resurrecting a run
     * from stale legacy fields.
     *
     * @param snapshot the snapshot
     * @param runs the runs by plane
     * @return the edited snapshot
     */
    public static RuntimeSnapshot withActiveRuns(RuntimeSnapshot snapshot, Map<Plane, ActiveRunState> runs) {
        return snapshot.toBuilder()
                .activePlane(null).activeStage(null).activeNodeId(null).activeStageKindId(null)
                .activeRunId(null).activeWorkItemKind(null).activeWorkItemId(null).activeSince(null)
                .activeRunsByPlane(runs)
                .build();
    }

    /**
     * Sets one plane's status marker mirror (scalar field and map entry).
     *
     * @param snapshot the snapshot
     * @param plane the plane
     * @param marker the marker
     * @return the edited snapshot
     */
    public static RuntimeSnapshot withStatusMarker(RuntimeSnapshot snapshot, Plane plane, String marker) {
        StatusMarkers.require(marker);
        Map<Plane, String> markers = new EnumMap<>(Plane.class);
        markers.putAll(snapshot.statusMarkersByPlane());
        markers.put(plane, marker);
        RuntimeSnapshot.Builder b = snapshot.toBuilder().statusMarkersByPlane(markers);
        switch (plane) {
            case EXECUTION:
                b.executionStatusMarker(marker);
                break;
            case PLANNING:
                b.planningStatusMarker(marker);
                break;
            case LEARNING:
                b.learningStatusMarker(marker);
                break;
            default:
                throw new AssertionError(plane);
        }
        return b.build();
    }

    /**
     * Sets the queue depths (scalar fields and map).
     *
     * @param snapshot the snapshot
     * @param execution queued tasks
     * @param planning queued specs plus incidents
     * @param learning queued learning requests
     * @return the edited snapshot
     */
    public static RuntimeSnapshot withQueueDepths(RuntimeSnapshot snapshot, int execution, int planning, int learning) {
        Map<Plane, Integer> depths = new EnumMap<>(Plane.class);
        depths.put(Plane.EXECUTION, execution);
        depths.put(Plane.PLANNING, planning);
        depths.put(Plane.LEARNING, learning);
        return snapshot.toBuilder()
                .queueDepthExecution(execution).queueDepthPlanning(planning).queueDepthLearning(learning)
                .queueDepthsByPlane(depths)
                .build();
    }

    /**
     * Tells whether two snapshots differ in anything but {@code updated_at}.
     *
     * @param a one snapshot
     * @param b another
     * @return true when they differ
     */
    public static boolean differ(RuntimeSnapshot a, RuntimeSnapshot b) {
        return !a.toBuilder().updatedAt(b.updatedAt()).build().equals(b);
    }
}
