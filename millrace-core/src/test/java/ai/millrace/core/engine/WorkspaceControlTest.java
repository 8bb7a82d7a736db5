package ai.millrace.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.PauseSource;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.ControlResult;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.WorkspaceControl;
import ai.millrace.core.internal.control.OwnershipLock;
import ai.millrace.core.internal.state.StateStore;
import ai.millrace.core.workspace.QueueState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceControlTest {
    @TempDir
    Path root;

    private WorkspaceControl control() {
        return WorkspaceControl.of(root, EngineFixture.CLOCK, IdGenerator.sequential(), "test");
    }

    private StateStore state(EngineFixture ws) {
        return new StateStore(ws.paths, AtomicFiles.NO_FSYNC);
    }

    @Test
    void withoutADaemonCommandsApplyDirectly() throws Exception {
        EngineFixture ws = new EngineFixture(root);

        ControlResult paused = control().pause();
        assertEquals(new ControlResult("pause", "direct", true, "runtime paused directly", null, null, null), paused);
        assertEquals(List.of(PauseSource.OPERATOR), state(ws).loadSnapshot().orElseThrow().pauseSources());
        assertFalse(control().pause().applied(), "already paused");

        ControlResult resumed = control().resume();
        assertTrue(resumed.applied());
        assertFalse(state(ws).loadSnapshot().orElseThrow().paused());

        ControlResult added = control().addTask(EngineFixture.task("task-7"));
        assertEquals("direct", added.mode());
        assertEquals(List.of("task-7"), ws.ids(WorkItemKind.TASK, QueueState.QUEUED));
        assertFalse(control().addTask(EngineFixture.task("task-7")).applied(), "a duplicate id is refused");

        ControlResult reload = control().reloadConfig();
        assertFalse(reload.applied());
        assertEquals("no daemon running; reload request not enqueued", reload.detail());
    }

    @Test
    void aLiveOwnerGetsCommandsThroughTheMailboxAndAppliesThemAtItsNextTick() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        try (MillraceRuntime runtime = ws.runtime(ScriptRunner.happy(EngineFixture.CLOCK))) {
            runtime.startup();

            ControlResult paused = control().pause();

            assertEquals("mailbox", paused.mode());
            assertFalse(paused.applied());
            assertNotNull(paused.commandId());
            assertEquals("paused", runtime.tick().reason());
            assertTrue(state(ws).loadSnapshot().orElseThrow().paused());
        }
    }

    @Test
    void retryActiveRequeuesTheActiveItemDirectly() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        ws.queue(EngineFixture.task("task-1"));
        try (MillraceRuntime runtime = ws.runtime(ScriptRunner.happy(EngineFixture.CLOCK))) {
            runtime.tick(); // builder ran; checker is pending
        }

        ControlResult retried = control().retryActive(null, "operator retry");

        assertTrue(retried.applied(), retried.detail());
        assertEquals("active task task-1 requeued", retried.detail());
        assertEquals(List.of("task-1"), ws.ids(WorkItemKind.TASK, QueueState.QUEUED));
        assertTrue(state(ws).loadSnapshot().orElseThrow().activeRunsByPlane().isEmpty());
        assertTrue(Files.exists(ws.paths.queueDir(WorkItemKind.TASK, QueueState.QUEUED).resolve("task-1.requeue.jsonl")));
        // The lock the runtime held is released, so nothing is stale.
        assertEquals("missing", new OwnershipLock(ws.paths, AtomicFiles.NO_FSYNC, EngineFixture.CLOCK,
                Duration.ofMinutes(2)).clearStale().wireName());
    }
}
