package ai.millrace.testkit.assertions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.testkit.inspect.WorkspaceView;

/**
 * Assertions on one incident document, as it was when {@link WorkspaceAssert#hasIncidentFor(String)}
 * found it (its folder is read afresh). Thread-safe.
 */
public final class IncidentAssert {
    private final WorkspaceAssert workspace;
    private final WorkspaceView view;
    private final IncidentDocument doc;

    IncidentAssert(WorkspaceAssert workspace, WorkspaceView view, IncidentDocument doc) {
        this.workspace = workspace;
        this.view = view;
        this.doc = doc;
    }

    /**
     * Asserts that the incident asks for planning.
     *
     * @return this
     */
    public IncidentAssert needsPlanning() {
        assertEquals(Boolean.TRUE, doc.needsPlanning(), () -> "incident " + doc.incidentId() + ": needs_planning");
        return this;
    }

    /**
     * Asserts why the incident was raised.
     *
     * @param triggerReason such as {@code consultant_needs_planning}
     * @return this
     */
    public IncidentAssert hasTriggerReason(String triggerReason) {
        assertEquals(triggerReason, doc.triggerReason(), () -> "incident " + doc.incidentId() + ": trigger_reason");
        return this;
    }

    /**
     * Asserts the failure class the incident records.
     *
     * @param failureClass such as {@code builder_blocked}
     * @return this
     */
    public IncidentAssert hasFailureClass(String failureClass) {
        assertEquals(failureClass, doc.failureClass(), () -> "incident " + doc.incidentId() + ": failure_class");
        return this;
    }

    /**
     * Asserts the folder that holds the incident now ({@code QUEUED} is {@code incoming/},
     * {@code DONE} is {@code resolved/}).
     *
     * @param state the expected folder
     * @return this
     */
    public IncidentAssert isIn(QueueState state) {
        new WorkItemAssert(workspace, view, WorkItemKind.INCIDENT, doc.incidentId()).endedIn(state);
        return this;
    }

    /**
     * Returns the incident document, for checks the assertions do not cover.
     *
     * @return the document
     */
    public IncidentDocument document() {
        return doc;
    }

    /**
     * Goes back to the workspace assertions.
     *
     * @return the workspace assertions
     */
    public WorkspaceAssert and() {
        return workspace;
    }
}
