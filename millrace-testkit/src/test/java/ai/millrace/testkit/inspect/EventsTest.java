package ai.millrace.testkit.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.testkit.fixture.MillraceWorkspace;
import ai.millrace.testkit.fixture.Tasks;
import ai.millrace.testkit.junit.MillraceTest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MillraceTest
class EventsTest {

    @Test
    void eventsAreReadFromTheLogAndQueriedPerItem(MillraceWorkspace ws) {
        ws.queue(Tasks.task("t1"), Tasks.task("t2"));
        ws.runner().on("checker").forItem("t2").reply("FIX_NEEDED");
        ws.runUntilIdle();

        Events events = ws.events();

        assertEquals(List.of("builder", "checker", "updater"), events.stagesFor("t1"));
        assertEquals(List.of("builder", "checker", "fixer", "doublechecker", "updater"), events.stagesFor("t2"));
        assertEquals(8, events.ofType("stage_started").size());
        assertEquals(8, events.decisions().size());
        assertEquals("checker:FIX_NEEDED -> run_stage fixer (fix_needed)", events.decisionsFor("t2").get(1).line());
        assertEquals("t2", events.decisionsFor("t2").get(1).workItemId());
        assertEquals("fixer", events.decisionsFor("t2").get(1).nextStage());
        assertEquals(List.of("work_item_claimed", "stage_started", "stage_completed", "router_decision"),
                events.forItem("t1").distinctTypes().stream().toList());
        assertEquals(3, events.forItem("t1").ofType("router_decision").size(), "decisions are tied by run id");
        assertEquals("run_stage", events.values("action").get(0));
        assertTrue(events.first("runtime_started").isPresent());
        assertTrue(events.describe().contains("stage_started {"));
    }

    @Test
    void aMissingLogHasNoEvents(MillraceWorkspace ws) {
        assertEquals(0, Events.read(ws.root().resolve("nope.jsonl")).size());
        assertEquals(0, Events.read(Path.of("/definitely/missing.jsonl")).all().size());
    }

    @Test
    void eventsCanWrapAList() {
        RuntimeEvent e = new RuntimeEvent("stage_started", Instant.EPOCH, Map.of("work_item_id", "t1", "stage", "x"));

        Events events = Events.of(List.of(e));

        assertEquals(List.of("x"), events.stagesFor("t1"));
        assertEquals(List.of("stage_started"), events.types());
    }
}
