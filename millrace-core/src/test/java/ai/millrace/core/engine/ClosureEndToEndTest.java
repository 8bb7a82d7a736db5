package ai.millrace.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.internal.state.StateStore;
import ai.millrace.core.workspace.QueueState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work is done only when the arbiter agrees: an idea becomes a root spec, the manager writes
 * tasks in its lineage, the tasks run, and only then does the arbiter judge and close the target.
 */
class ClosureEndToEndTest {
    @TempDir
    Path root;

    @Test
    void anIdeaRunsToAClosedClosureTarget() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        Files.createDirectories(ws.paths.ideasInboxDir());
        Files.writeString(ws.paths.ideasInboxDir().resolve("greeting.md"),
                "# Say hello\n\nAdd a greeting to the README.\n");
        Scripts script = new Scripts().then("manager", request -> {
            writeTask(ws, EngineFixture.taskOf("task-a", "idea-greeting", "idea-greeting", "idea-greeting"));
            writeTask(ws, EngineFixture.taskOf("task-b", "idea-greeting", "idea-greeting", "idea-greeting")
                    .toBuilder().dependsOn(List.of("task-a")).build());
            return "### MANAGER_COMPLETE";
        });
        ScriptRunner runner = new ScriptRunner(EngineFixture.CLOCK, script);

        try (MillraceRuntime runtime = ws.runtime(runner)) {
            runtime.runUntilIdle();
        }

        assertEquals(List.of("planner", "manager", "builder", "checker", "updater", "builder", "checker", "updater",
                "arbiter"), runner.stages(), "the arbiter runs last, once the lineage has drained");
        assertEquals(List.of("task-a", "task-b"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertEquals(List.of("idea-greeting"), ws.ids(WorkItemKind.SPEC, QueueState.DONE));
        ClosureTargetState target = new StateStore(ws.paths, AtomicFiles.NO_FSYNC).loadClosureTarget("idea-greeting")
                .orElseThrow();
        assertFalse(target.closureOpen(), "ARBITER_COMPLETE closed the target");
        assertTrue(Files.exists(ws.paths.arbiterDir().resolve("contracts/ideas/idea-greeting.md")));
        assertTrue(Files.exists(ws.paths.arbiterDir().resolve("contracts/root-specs/idea-greeting.md")));
        assertTrue(runner.requests.get(runner.requests.size() - 1).closureTargetPath()
                .endsWith("arbiter/targets/idea-greeting.json"));
    }

    @Test
    void theArbiterIsNotDispatchedAgainAfterBlocked() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        Files.createDirectories(ws.paths.ideasInboxDir());
        Files.writeString(ws.paths.ideasInboxDir().resolve("greeting.md"), "# Say hello\n\nGreet.\n");
        ScriptRunner runner = new ScriptRunner(EngineFixture.CLOCK, new Scripts().on("arbiter", "### BLOCKED"));

        try (MillraceRuntime runtime = ws.runtime(runner)) {
            runtime.runUntilIdle();
            assertEquals("no_work", runtime.tick().reason(), "a blocked arbiter is not re-dispatched every tick");
            assertEquals("no_work", runtime.tick().reason());
        }
        assertEquals(1, runner.stages().stream().filter("arbiter"::equals).count());
    }

    @Test
    void aRemediationGapBecomesAnIncidentMoreWorkAndALaterClosure() throws Exception {
        EngineFixture ws = new EngineFixture(root);
        Files.createDirectories(ws.paths.ideasInboxDir());
        Files.writeString(ws.paths.ideasInboxDir().resolve("greeting.md"), "# Say hello\n\nGreet in two places.\n");
        Scripts script = new Scripts()
                .then("manager", request -> {
                    writeTask(ws, EngineFixture.taskOf("task-a", "idea-greeting", "idea-greeting", "idea-greeting"));
                    return "### MANAGER_COMPLETE";
                })
                .then("manager", request -> {
                    writeTask(ws, EngineFixture.taskOf("task-b", "idea-greeting", "idea-greeting", "idea-greeting"));
                    return "### MANAGER_COMPLETE";
                })
                .on("arbiter", "Only one place greets.\n\n### REMEDIATION_NEEDED");
        ScriptRunner runner = new ScriptRunner(EngineFixture.CLOCK, script);

        try (MillraceRuntime runtime = ws.runtime(runner)) {
            runtime.runUntilIdle();
        }

        assertEquals(List.of("planner", "manager", "builder", "checker", "updater", "arbiter",
                "auditor", "planner", "manager", "builder", "checker", "updater", "arbiter"), runner.stages());
        List<String> incidents = ws.ids(WorkItemKind.INCIDENT, QueueState.DONE);
        assertEquals(1, incidents.size(), incidents.toString());
        assertTrue(incidents.get(0).startsWith("arbiter-gap-idea-greeting-"), incidents.toString());
        assertEquals(List.of("task-a", "task-b"), ws.ids(WorkItemKind.TASK, QueueState.DONE));
        assertFalse(new StateStore(ws.paths, AtomicFiles.NO_FSYNC).loadClosureTarget("idea-greeting").orElseThrow()
                .closureOpen(), "the second arbiter pass closed the target");
    }

    private static void writeTask(EngineFixture ws, ai.millrace.api.work.TaskDocument task) {
        try {
            Files.writeString(ws.paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, task.taskId()),
                    WorkDocumentMarkdown.render(task));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
