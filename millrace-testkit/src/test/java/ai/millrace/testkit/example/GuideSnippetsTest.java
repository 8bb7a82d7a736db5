package ai.millrace.testkit.example;

import static ai.millrace.testkit.assertions.MillraceAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.millrace.core.workspace.QueueState;
import ai.millrace.testkit.assertions.Counter;
import ai.millrace.testkit.fixture.MillraceWorkspace;
import ai.millrace.testkit.fixture.Tasks;
import ai.millrace.testkit.inspect.Decision;
import ai.millrace.testkit.inspect.Events;
import ai.millrace.testkit.junit.MillraceExtension;
import ai.millrace.testkit.runner.Reply;
import ai.millrace.testkit.runner.ScriptedRunner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The snippets of docs/testkit.md, compiled and run. */
class GuideSnippetsTest {
    // tag::register[]
    @RegisterExtension
    static final MillraceExtension MILLRACE = MillraceExtension.builder()
            .plugins(new LinterPlugin())
            .mode("linted_codex")
            .build();
    // end::register[]

    @Test
    void scripting(MillraceWorkspace ws, ScriptedRunner runner) {
        ws.queue(Tasks.task("t1"), Tasks.task("t2").dependsOn("t1"));
        // tag::script[]
        runner.on("linter").forItem("t1").attempt(1).reply("BLOCKED")          // one item, first run
              .on("builder").reply(Reply.success()
                      .withMessage("Built it.")
                      .withTokens(12_000, 800)
                      .writing("summary.md", "# What I built\n")
                      .taking(Duration.ofMinutes(4)));                           // moves the MutableClock
        // end::script[]
        ws.runUntilIdle();

        assertThat(ws).task("t1").endedIn(QueueState.BLOCKED).and().task("t2").endedIn(QueueState.QUEUED);
    }

    @Test
    void withoutTheExtension() {
        // tag::plain[]
        try (MillraceWorkspace ws = MillraceWorkspace.builder()
                .plugins(new LinterPlugin())
                .mode("linted_codex")
                .build()) {
            ws.queue(Tasks.task("t1"));
            ws.runUntilIdle();
            assertEquals(List.of("builder", "linter"), ws.recorder().stagesFor("t1"));
        }
        // end::plain[]
    }

    @Test
    void events(MillraceWorkspace ws) {
        ws.queue(Tasks.task("t1"));
        ws.runUntilIdle();
        // tag::events[]
        Events events = ws.events();
        assertEquals(List.of("builder", "linter"), events.stagesFor("t1"));
        Decision last = events.decisionsFor("t1").get(1);
        assertEquals("linter:LINT_CLEAN -> idle (linter_complete)", last.line());
        assertEquals(1, events.ofType("work_item_claimed").size());
        // end::events[]
        assertThat(ws).task("t1").hasCounters();
        assertEquals("fix_cycle{troubleshoot=0, mechanic=0, fixCycles=2, consultant=0}",
                Counter.of("fix_cycle").fixCycles(2).toString());
    }
}
