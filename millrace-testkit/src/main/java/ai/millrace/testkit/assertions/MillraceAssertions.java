package ai.millrace.testkit.assertions;

import ai.millrace.testkit.fixture.MillraceWorkspace;
import ai.millrace.testkit.inspect.WorkspaceView;
import java.nio.file.Path;

/**
 * The entry point of the testkit's assertions. One style throughout: start from the workspace,
 * narrow to a work item or an incident, chain checks; each check reads the workspace files and
 * the event log afresh and fails with a plain JUnit {@link org.opentest4j.AssertionFailedError}.
 *
 * <pre>{@code
 * import static ai.millrace.testkit.assertions.MillraceAssertions.assertThat;
 *
 * assertThat(ws).task("t1")
 *         .ranStages("builder", "checker", "fixer", "doublechecker", "updater")
 *         .endedIn(QueueState.DONE)
 *         .hasNoCounters();
 * assertThat(ws).isIdle().hasIncidentFor("t2").needsPlanning();
 * }</pre>
 *
 * <p>For anything the assertions do not cover, read the same data through
 * {@link MillraceWorkspace#view()} and {@link MillraceWorkspace#events()} and use JUnit's
 * {@code Assertions}. Stateless and thread-safe.
 */
public final class MillraceAssertions {
    private MillraceAssertions() {
    }

    /**
     * Starts assertions on a fixture's workspace.
     *
     * @param ws the fixture, never null
     * @return the assertions
     */
    public static WorkspaceAssert assertThat(MillraceWorkspace ws) {
        return new WorkspaceAssert(ws.view());
    }

    /**
     * Starts assertions on any workspace.
     *
     * @param view the view, never null
     * @return the assertions
     */
    public static WorkspaceAssert assertThat(WorkspaceView view) {
        return new WorkspaceAssert(view);
    }

    /**
     * Starts assertions on the workspace at a path.
     *
     * @param workspaceRoot the workspace root, never null
     * @return the assertions
     */
    public static WorkspaceAssert assertThatWorkspace(Path workspaceRoot) {
        return new WorkspaceAssert(WorkspaceView.of(workspaceRoot));
    }
}
