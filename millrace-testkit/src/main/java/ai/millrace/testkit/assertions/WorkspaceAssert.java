package ai.millrace.testkit.assertions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.testkit.inspect.WorkspaceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Assertions on a whole workspace; narrow to one item with {@link #task(String)} and its kin.
 * Every method reads the files afresh. Stateless apart from the view; thread-safe.
 */
public final class WorkspaceAssert {
    private final WorkspaceView view;

    WorkspaceAssert(WorkspaceView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    /**
     * Narrows to a task.
     *
     * @param id the task id
     * @return the task's assertions
     */
    public WorkItemAssert task(String id) {
        return item(WorkItemKind.TASK, id);
    }

    /**
     * Narrows to a spec.
     *
     * @param id the spec id
     * @return the spec's assertions
     */
    public WorkItemAssert spec(String id) {
        return item(WorkItemKind.SPEC, id);
    }

    /**
     * Narrows to an incident (as a work item: stages, folder, counters).
     *
     * @param id the incident id
     * @return the incident's assertions
     */
    public WorkItemAssert incident(String id) {
        return item(WorkItemKind.INCIDENT, id);
    }

    /**
     * Narrows to a learning request.
     *
     * @param id the request id
     * @return the request's assertions
     */
    public WorkItemAssert learningRequest(String id) {
        return item(WorkItemKind.LEARNING_REQUEST, id);
    }

    /**
     * Narrows to a work item of any kind.
     *
     * @param kind the kind, never null
     * @param id the id, never null
     * @return the item's assertions
     */
    public WorkItemAssert item(WorkItemKind kind, String id) {
        return new WorkItemAssert(this, view, Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(id, "id"));
    }

    /**
     * Asserts a plane's status marker.
     *
     * @param plane the plane
     * @param marker the expected marker, such as {@code ### BLOCKED}
     * @return this
     */
    public WorkspaceAssert hasStatus(Plane plane, String marker) {
        assertEquals(marker, view.statusMarker(plane), () -> "status marker of the " + plane.wireName() + " plane");
        return this;
    }

    /**
     * Asserts that the runtime is at rest: the snapshot has no active run, no active queue folder
     * holds a document and no plane shows a running marker. A plane keeps the terminal marker of
     * its last stage ({@code ### BLOCKED} after a blocked item), so check markers with
     * {@link #hasStatus(Plane, String)}.
     *
     * @return this
     */
    public WorkspaceAssert isIdle() {
        List<String> problems = new ArrayList<>();
        for (Plane plane : Plane.values()) {
            String marker = view.statusMarker(plane);
            if (marker.endsWith("_RUNNING")) {
                problems.add(plane.wireName() + " plane marker is " + marker);
            }
        }
        RuntimeSnapshot snapshot = view.snapshot();
        if (!snapshot.activeRunsByPlane().isEmpty()) {
            problems.add("active runs in the snapshot: " + snapshot.activeRunsByPlane().keySet());
        }
        for (WorkItemKind kind : WorkItemKind.values()) {
            List<String> active = view.idsIn(kind, QueueState.ACTIVE);
            if (!active.isEmpty()) {
                problems.add(kind.wireName() + " items still active: " + active);
            }
        }
        if (!problems.isEmpty()) {
            fail("expected the workspace to be idle, but " + String.join("; ", problems));
        }
        return this;
    }

    /**
     * Asserts that no recovery counter is left (counters are reset when an item leaves recovery).
     *
     * @return this
     */
    public WorkspaceAssert hasNoCounters() {
        assertEquals(List.of(), view.counters().entries(), "recovery counters");
        return this;
    }

    /**
     * Asserts how many incidents exist, in all folders together.
     *
     * @param count the expected count
     * @return this
     */
    public WorkspaceAssert hasIncidents(int count) {
        List<IncidentDocument> all = view.incidents();
        assertEquals(count, all.size(), () -> "number of incidents; found " + ids(all));
        return this;
    }

    /**
     * Asserts that exactly one incident was raised from a task and narrows to it.
     *
     * @param sourceTaskId the task the incident came from
     * @return the incident's assertions
     */
    public IncidentAssert hasIncidentFor(String sourceTaskId) {
        List<IncidentDocument> matching = new ArrayList<>();
        for (IncidentDocument doc : view.incidents()) {
            if (sourceTaskId.equals(doc.sourceTaskId())) {
                matching.add(doc);
            }
        }
        if (matching.size() != 1) {
            fail("expected one incident from task " + sourceTaskId + " but found " + ids(matching)
                    + " among " + ids(view.incidents()));
        }
        return new IncidentAssert(this, view, matching.get(0));
    }

    /**
     * Asserts how many events of a type were logged.
     *
     * @param eventType such as {@code work_item_claimed}
     * @param times the expected count
     * @return this
     */
    public WorkspaceAssert emitted(String eventType, int times) {
        assertEquals(times, view.events().ofType(eventType).size(),
                () -> "number of " + eventType + " events; all events:\n" + view.events().describe());
        return this;
    }

    /**
     * Asserts the ids in one queue folder.
     *
     * @param kind the kind
     * @param state the folder
     * @param ids the expected ids, in any order
     * @return this
     */
    public WorkspaceAssert hasInQueue(WorkItemKind kind, QueueState state, String... ids) {
        List<String> expected = new ArrayList<>(List.of(ids));
        expected.sort(null);
        assertEquals(expected, view.idsIn(kind, state),
                () -> kind.wireName() + " ids in " + state.folderFor(kind) + "/");
        return this;
    }

    private static List<String> ids(List<IncidentDocument> docs) {
        List<String> out = new ArrayList<>();
        for (IncidentDocument d : docs) {
            out.add(d.incidentId());
        }
        return out;
    }
}
