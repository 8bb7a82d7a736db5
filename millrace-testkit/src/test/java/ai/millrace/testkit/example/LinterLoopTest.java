package ai.millrace.testkit.example;

import static ai.millrace.testkit.assertions.MillraceAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.testkit.fixture.MillraceWorkspace;
import ai.millrace.testkit.fixture.Tasks;
import ai.millrace.testkit.junit.MillraceTest;
import ai.millrace.testkit.runner.RecordingRunner;
import ai.millrace.testkit.runner.Reply;
import ai.millrace.testkit.runner.ScriptedRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Unit-tests a custom loop end to end with no model: the {@link LinterPlugin}'s stage kind, loop
 * and mode compiled and run by the real runtime, every stage answered by a scripted runner.
 */
// tag::example[]
@MillraceTest(mode = "linted_codex", plugins = LinterPlugin.class)
class LinterLoopTest {

    @Test
    void cleanCodeIsBuiltLintedAndDone(MillraceWorkspace ws, MillraceRuntime runtime) {
        ws.queue(Tasks.task("t1"));

        runtime.runUntilIdle();

        assertThat(ws).isIdle()
                .task("t1")
                .ranStages("builder", "linter")
                .routed("builder:BUILDER_COMPLETE -> run_stage linter (builder:BUILDER_COMPLETE)",
                        "linter:LINT_CLEAN -> idle (linter_complete)")
                .endedIn(QueueState.DONE);
    }

    @Test
    void aLinterThatGivesUpBlocksOnlyItsTask(MillraceWorkspace ws, ScriptedRunner runner, MillraceRuntime runtime) {
        ws.queue(Tasks.task("t1"), Tasks.task("t2"));
        runner.on("linter").forItem("t1").reply(Reply.result("BLOCKED").withMessage("42 lint errors"));

        runtime.runUntilIdle();

        assertThat(ws)
                .task("t1").ranStages("builder", "linter").endedIn(QueueState.BLOCKED)
                .and().task("t2").ranStages("builder", "linter").endedIn(QueueState.DONE);
    }

    @Test
    void theLinterFollowsThePluginsEntrypoint(MillraceWorkspace ws, RecordingRunner recorder,
            MillraceRuntime runtime) throws Exception {
        ws.queue(Tasks.task("t1"));

        runtime.runUntilIdle();

        StageRunRequest linter = recorder.requests().get(1);
        assertEquals("linter", linter.stage().value());
        assertEquals(java.util.List.of("### LINT_CLEAN", "### BLOCKED"), linter.legalTerminalMarkers());
        assertTrue(Files.readString(Path.of(linter.entrypointPath())).contains("End with `### LINT_CLEAN`"));
        assertEquals("### IDLE", ws.view().statusMarker(Plane.EXECUTION));
    }
}
// end::example[]
