package ai.millrace.testkit.scenarios;

import static ai.millrace.testkit.assertions.MillraceAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.millrace.api.Plane;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.RunSummary;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.testkit.assertions.Counter;
import ai.millrace.testkit.fixture.MillraceWorkspace;
import ai.millrace.testkit.fixture.Tasks;
import ai.millrace.testkit.junit.MillraceTest;
import ai.millrace.testkit.runner.Reply;
import ai.millrace.testkit.runner.ScriptedRunner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Core engine scenarios (see millrace-core's RoutingTableEndToEndTest) rewritten in the testkit's
 * style: the real runtime over a real workspace, scripted stages, domain assertions.
 */
@MillraceTest
class CoreScenariosTest {

    @Test
    @DisplayName("happy path: builder -> checker -> updater, task done, runtime idle")
    void happyPath(MillraceWorkspace ws, MillraceRuntime runtime) {
        ws.queue(Tasks.task("t1"));

        assertEquals(new RunSummary(3, "no_work"), runtime.runUntilIdle());

        assertThat(ws).isIdle().hasNoCounters().emitted("work_item_claimed", 1)
                .task("t1").ranStages("builder", "checker", "updater")
                .hasResults("BUILDER_COMPLETE", "CHECKER_PASS", "UPDATE_COMPLETE")
                .routed("builder:BUILDER_COMPLETE -> run_stage checker (builder:BUILDER_COMPLETE)",
                        "checker:CHECKER_PASS -> run_stage updater (checker:CHECKER_PASS)",
                        "updater:UPDATE_COMPLETE -> idle (updater_complete)")
                .endedIn(QueueState.DONE);
    }

    @Test
    @DisplayName("fix loop: checker FIX_NEEDED -> fixer -> doublechecker -> updater; one fix cycle counted")
    void fixLoop(MillraceWorkspace ws, ScriptedRunner runner, MillraceRuntime runtime) {
        ws.queue(Tasks.task("t1"));
        runner.on("checker").reply("FIX_NEEDED");

        runtime.tick();
        runtime.tick();
        assertThat(ws).task("t1").hasCounters(Counter.of("fix_cycle").fixCycles(1))
                .and().hasStatus(Plane.EXECUTION, "### FIX_NEEDED");

        runtime.runUntilIdle();
        assertThat(ws).isIdle().task("t1")
                .ranStages("builder", "checker", "fixer", "doublechecker", "updater")
                .endedIn(QueueState.DONE).hasNoCounters();
    }

    @Test
    @DisplayName("blocked -> troubleshooter x2 -> consultant NEEDS_PLANNING -> incident -> planning writes a new task")
    void blockedEscalatesToPlanning(MillraceWorkspace ws, ScriptedRunner runner, MillraceRuntime runtime) {
        ws.queue(Tasks.task("t1").lineage("spec-a", "spec-root", "idea-root"));
        runner.on("builder").forItem("t1").reply("BLOCKED")
                .on("troubleshooter").replies("BLOCKED", "BLOCKED")
                .on("consultant").reply("NEEDS_PLANNING")
                .on("manager").reply(Reply.result("MANAGER_COMPLETE")
                        .queueing(Tasks.task("t-fix").lineage("spec-root", "spec-root", "idea-root").build()));

        for (int i = 0; i < 3; i++) {
            runtime.tick();
        }
        assertThat(ws).task("t1").hasCounters(Counter.of("builder_blocked").troubleshoot(2).consultant(1));
        runtime.tick();
        assertThat(ws).hasStatus(Plane.EXECUTION, "### NEEDS_PLANNING")
                .hasIncidentFor("t1").needsPlanning().hasTriggerReason("consultant_needs_planning")
                .isIn(QueueState.QUEUED);

        runtime.runUntilIdle();

        assertThat(ws).isIdle().hasIncidents(1)
                .task("t1").ranStages("builder", "troubleshooter", "troubleshooter", "consultant")
                .routed("builder:BLOCKED -> run_stage troubleshooter (builder_blocked)",
                        "troubleshooter:BLOCKED -> run_stage troubleshooter (troubleshooter_blocked)",
                        "troubleshooter:BLOCKED -> run_stage consultant (troubleshooter_blocked)",
                        "consultant:NEEDS_PLANNING -> handoff auditor (consultant_needs_planning)")
                .endedIn(QueueState.BLOCKED)
                .and().hasIncidentFor("t1").isIn(QueueState.DONE)
                .and().task("t-fix").ranStages("builder", "checker", "updater").endedIn(QueueState.DONE);
        String incident = ws.view().incidents().get(0).incidentId();
        assertThat(ws).incident(incident).ranStages("auditor", "planner", "manager");
    }

    @Test
    @DisplayName("malformed result: a checker without a marker goes to the troubleshooter as missing_terminal_result")
    void malformedResult(MillraceWorkspace ws, ScriptedRunner runner, MillraceRuntime runtime) {
        ws.queue(Tasks.task("t1"));
        runner.on("checker").attempt(1).reply(Reply.missingMarker());

        runtime.tick();
        runtime.tick();
        assertThat(ws).hasStatus(Plane.EXECUTION, "### BLOCKED")
                .task("t1").hasCounters(Counter.of("missing_terminal_result").troubleshoot(1));

        runtime.runUntilIdle();
        assertThat(ws).isIdle().task("t1")
                .ranStages("builder", "checker", "troubleshooter", "builder", "checker", "updater")
                .hasFailureClasses("missing_terminal_result")
                .routed("builder:BUILDER_COMPLETE -> run_stage checker (builder:BUILDER_COMPLETE)",
                        "checker:BLOCKED -> run_stage troubleshooter (checker_blocked)",
                        "troubleshooter:TROUBLESHOOT_COMPLETE -> run_stage builder (troubleshoot_complete)",
                        "builder:BUILDER_COMPLETE -> run_stage checker (builder:BUILDER_COMPLETE)",
                        "checker:CHECKER_PASS -> run_stage updater (checker:CHECKER_PASS)",
                        "updater:UPDATE_COMPLETE -> idle (updater_complete)")
                .endedIn(QueueState.DONE).hasNoCounters();
    }
}
