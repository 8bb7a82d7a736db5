package ai.millrace.testkit.assertions;

import static ai.millrace.testkit.assertions.MillraceAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.testkit.fixture.MillraceWorkspace;
import ai.millrace.testkit.fixture.Tasks;
import ai.millrace.testkit.junit.MillraceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/** Each assertion passes on the truth and fails on a lie with a message that helps. */
@MillraceTest
class MillraceAssertionsTest {

    private static void failsSaying(String phrase, Executable check) {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, check);
        assertTrue(e.getMessage().contains(phrase), () -> "expected '" + phrase + "' in: " + e.getMessage());
    }

    @Test
    void workItemAssertions(MillraceWorkspace ws) {
        ws.queue(Tasks.task("t1"));
        ws.runner().on("checker").attempt(1).reply("FIX_NEEDED");
        ws.runUntilIdle();

        assertThat(ws).task("t1").ranStages("builder", "checker", "fixer", "doublechecker", "updater")
                .neverRan("troubleshooter").hasResults("BUILDER_COMPLETE", "FIX_NEEDED", "FIXER_COMPLETE",
                        "DOUBLECHECK_PASS", "UPDATE_COMPLETE")
                .hasFailureClasses().endedIn(QueueState.DONE).hasNoCounters();

        failsSaying("task t1: stages run", () -> assertThat(ws).task("t1").ranStages("builder", "checker"));
        failsSaying("stage_started", () -> assertThat(ws).task("t1").ranStages("builder"));
        failsSaying("expected fixer never to run", () -> assertThat(ws).task("t1").neverRan("fixer"));
        failsSaying("task t1: stage results", () -> assertThat(ws).task("t1").hasResults("BLOCKED"));
        failsSaying("task t1: router decisions", () -> assertThat(ws).task("t1").routed("x"));
        failsSaying("expected it in blocked/ but it is in [done/]",
                () -> assertThat(ws).task("t1").endedIn(QueueState.BLOCKED));
        failsSaying("no queue folder holds it", () -> assertThat(ws).task("t9").endedIn(QueueState.DONE));
        failsSaying("expected recovery counters [fix_cycle{troubleshoot=0, mechanic=0, fixCycles=1, consultant=0}]",
                () -> assertThat(ws).task("t1").hasCounters(Counter.of("fix_cycle").fixCycles(1)));
        failsSaying("failure classes", () -> assertThat(ws).task("t1").hasFailureClasses("runner_timeout"));
    }

    @Test
    void workspaceAssertions(MillraceWorkspace ws) {
        ws.queue(Tasks.task("t1"), Tasks.task("t2"));
        ws.runner().on("builder").forItem("t2").reply("BLOCKED").on("troubleshooter").reply("BLOCKED")
                .on("consultant").reply("BLOCKED");
        ws.runUntilIdle();

        assertThat(ws).isIdle().hasStatus(Plane.EXECUTION, "### BLOCKED").hasNoCounters().hasIncidents(0)
                .emitted("work_item_claimed", 2).hasInQueue(WorkItemKind.TASK, QueueState.DONE, "t1")
                .hasInQueue(WorkItemKind.TASK, QueueState.BLOCKED, "t2");

        failsSaying("status marker of the execution plane",
                () -> assertThat(ws).hasStatus(Plane.EXECUTION, "### IDLE"));
        failsSaying("number of incidents", () -> assertThat(ws).hasIncidents(1));
        failsSaying("expected one incident from task t2 but found []", () -> assertThat(ws).hasIncidentFor("t2"));
        failsSaying("number of work_item_claimed events", () -> assertThat(ws).emitted("work_item_claimed", 3));
        failsSaying("task ids in done/", () -> assertThat(ws).hasInQueue(WorkItemKind.TASK, QueueState.DONE));
    }

    @Test
    void isIdleNamesWhatIsStillGoing(MillraceWorkspace ws) {
        ws.queue(Tasks.task("t1"));
        ws.runtime().tick();

        failsSaying("active runs in the snapshot: [execution]", () -> assertThat(ws).isIdle());
        failsSaying("task items still active: [t1]", () -> assertThat(ws).isIdle());
    }

    @Test
    void incidentAssertions(MillraceWorkspace ws) {
        ws.queue(Tasks.task("t1"));
        ws.runner().on("builder").reply("BLOCKED").on("troubleshooter").reply("BLOCKED")
                .on("consultant").reply("NEEDS_PLANNING");
        for (int i = 0; i < 4; i++) {
            ws.runtime().tick();
        }

        IncidentAssert incident = assertThat(ws).hasIncidentFor("t1").needsPlanning()
                .hasTriggerReason("consultant_needs_planning").hasFailureClass("builder_blocked")
                .isIn(QueueState.QUEUED);
        assertTrue(incident.document().incidentId().startsWith("incident-t1-"));

        failsSaying("trigger_reason", () -> incident.hasTriggerReason("other"));
        failsSaying("failure_class", () -> incident.hasFailureClass("other"));
        failsSaying("expected it in resolved/", () -> incident.isIn(QueueState.DONE));
    }
}
