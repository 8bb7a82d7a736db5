package ai.millrace.testkit.assertions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.RecoveryCounterEntry;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.testkit.inspect.Decision;
import ai.millrace.testkit.inspect.Events;
import ai.millrace.testkit.inspect.WorkspaceView;
import java.util.ArrayList;
import java.util.List;

/**
 * Assertions on one work item: the stages that ran for it (from {@code stage_started} events),
 * their results, the router's decisions, the queue folder it ended in, its recovery counters.
 * Thread-safe; reads afresh on every call.
 */
public final class WorkItemAssert {
    private final WorkspaceAssert workspace;
    private final WorkspaceView view;
    private final WorkItemKind kind;
    private final String id;

    WorkItemAssert(WorkspaceAssert workspace, WorkspaceView view, WorkItemKind kind, String id) {
        this.workspace = workspace;
        this.view = view;
        this.kind = kind;
        this.id = id;
    }

    /**
     * Asserts the stages that started for this item, exactly and in order.
     *
     * @param stages the expected stage names
     * @return this
     */
    public WorkItemAssert ranStages(String... stages) {
        Events events = view.events();
        assertEquals(List.of(stages), events.stagesFor(id),
                () -> what() + ": stages run; its events:\n" + events.forItem(id).describe());
        return this;
    }

    /**
     * Asserts that a stage never started for this item.
     *
     * @param stage the stage name
     * @return this
     */
    public WorkItemAssert neverRan(String stage) {
        List<String> ran = view.events().stagesFor(id);
        if (ran.contains(stage)) {
            fail(what() + ": expected " + stage + " never to run, but the stages were " + ran);
        }
        return this;
    }

    /**
     * Asserts the terminal results of this item's completed stages, in order. A malformed result
     * shows as {@code BLOCKED}.
     *
     * @param results the expected result tokens, such as {@code BUILDER_COMPLETE}
     * @return this
     */
    public WorkItemAssert hasResults(String... results) {
        Events events = view.events();
        assertEquals(List.of(results), events.resultsFor(id),
                () -> what() + ": stage results; its events:\n" + events.forItem(id).describe());
        return this;
    }

    /**
     * Asserts the router's decisions for this item, in order, each in the form of
     * {@link Decision#line()}: {@code checker:FIX_NEEDED -> run_stage fixer (fix_needed)}.
     *
     * @param lines the expected decisions
     * @return this
     */
    public WorkItemAssert routed(String... lines) {
        List<String> actual = new ArrayList<>();
        for (Decision d : view.events().decisionsFor(id)) {
            actual.add(d.line());
        }
        assertEquals(List.of(lines), actual, () -> what() + ": router decisions");
        return this;
    }

    /**
     * Asserts the failure classes the runtime reported for this item's completed stages, in order,
     * skipping stages that succeeded.
     *
     * @param failureClasses such as {@code missing_terminal_result}
     * @return this
     */
    public WorkItemAssert hasFailureClasses(String... failureClasses) {
        Events completed = view.events().ofType("stage_completed").forItem(id);
        assertEquals(List.of(failureClasses), completed.values("failure_class"),
                () -> what() + ": failure classes; completed stages:\n" + completed.describe());
        return this;
    }

    /**
     * Asserts the queue folder that holds the item now ({@code DONE} is {@code done/}, or
     * {@code resolved/} for incidents).
     *
     * @param state the expected folder
     * @return this
     */
    public WorkItemAssert endedIn(QueueState state) {
        List<QueueState> states = view.statesOf(kind, id);
        if (!states.equals(List.of(state))) {
            fail(what() + ": expected it in " + state.folderFor(kind) + "/ but "
                    + (states.isEmpty() ? "no queue folder holds it" : "it is in " + folders(states)));
        }
        return this;
    }

    /**
     * Asserts this item's recovery counter entries, exactly (in any order).
     *
     * @param expected the expected entries
     * @return this
     */
    public WorkItemAssert hasCounters(Counter... expected) {
        List<Counter> actual = new ArrayList<>();
        for (RecoveryCounterEntry e : view.countersFor(id)) {
            actual.add(Counter.of(e));
        }
        List<Counter> want = List.of(expected);
        if (actual.size() != want.size() || !actual.containsAll(want)) {
            fail(what() + ": expected recovery counters " + want + " but found " + actual);
        }
        return this;
    }

    /**
     * Asserts that the item has no recovery counter entry.
     *
     * @return this
     */
    public WorkItemAssert hasNoCounters() {
        return hasCounters();
    }

    /**
     * Goes back to the workspace assertions.
     *
     * @return the workspace assertions
     */
    public WorkspaceAssert and() {
        return workspace;
    }

    private String what() {
        return kind.wireName() + " " + id;
    }

    private List<String> folders(List<QueueState> states) {
        List<String> out = new ArrayList<>();
        for (QueueState s : states) {
            out.add(s.folderFor(kind) + "/");
        }
        return out;
    }
}
