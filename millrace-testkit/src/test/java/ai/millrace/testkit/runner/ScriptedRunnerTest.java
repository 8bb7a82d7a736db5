package ai.millrace.testkit.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import ai.millrace.testkit.MutableClock;
import ai.millrace.testkit.fixture.Tasks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptedRunnerTest {
    @TempDir
    Path ws;

    private final MutableClock clock = new MutableClock();
    private final ScriptedRunner runner = ScriptedRunner.builder().clock(clock).build();

    private String output(RunnerRawResult result) throws Exception {
        return Files.readString(Path.of(result.stdoutPath()));
    }

    private String answer(String stage, String task) throws Exception {
        return output(runner.run(Requests.of(ws, stage, task))).strip();
    }

    @Test
    void everyStageAnswersItsFirstLegalMarkerByDefault() throws Exception {
        StageRunRequest request = Requests.of(ws, "checker", "t1");
        RunnerRawResult result = runner.run(request);

        assertEquals("### CHECKER_PASS", output(result).strip());
        assertEquals(RunnerExitKind.COMPLETED, result.exitKind());
        assertEquals(0, result.exitCode());
        assertEquals(request.requestId(), result.requestId());
        assertEquals(request.runId(), result.runId());
        assertEquals(request.stage(), result.stage());
        assertEquals(ScriptedRunner.DEFAULT_ID, result.runnerName());
        assertEquals(clock.instant(), result.startedAt());
        assertNull(result.tokenUsage());
        assertTrue(Path.of(result.stdoutPath()).startsWith(request.runDirectory()));
    }

    @Test
    void aStageRuleAppliesToEveryItemAndAttempt() throws Exception {
        runner.on("checker").reply("FIX_NEEDED");

        assertEquals("### FIX_NEEDED", answer("checker", "t1"));
        assertEquals("### FIX_NEEDED", answer("checker", "t1"));
        assertEquals("### FIX_NEEDED", answer("checker", "t2"));
        assertEquals("### BUILDER_COMPLETE", answer("builder", "t1"));
    }

    @Test
    void attemptsCountPerStageAndItem() throws Exception {
        runner.on("troubleshooter").replies("BLOCKED", "BLOCKED");

        assertEquals("### BLOCKED", answer("troubleshooter", "t1"));
        assertEquals("### BLOCKED", answer("troubleshooter", "t2"));
        assertEquals("### BLOCKED", answer("troubleshooter", "t1"));
        assertEquals("### TROUBLESHOOT_COMPLETE", answer("troubleshooter", "t1"));
        assertEquals(3, runner.attempts("troubleshooter", "t1"));
        assertEquals(1, runner.attempts("troubleshooter", "t2"));
        assertEquals(0, runner.attempts("builder", "t1"));
    }

    @Test
    void anItemRuleAppliesOnlyToThatItem() throws Exception {
        runner.on("builder").forItem("t2").reply("BLOCKED");

        assertEquals("### BUILDER_COMPLETE", answer("builder", "t1"));
        assertEquals("### BLOCKED", answer("builder", "t2"));
    }

    @Test
    void theMostSpecificRuleWinsAndTiesGoToTheLastAdded() throws Exception {
        runner.on("checker").forItem("t1").attempt(2).reply("CHECKER_PASS")
                .on("checker").forItem("t1").reply("FIX_NEEDED")
                .on("checker").attempt(2).reply("BLOCKED")
                .on("checker").reply("BLOCKED")
                .on("checker").reply("FIX_NEEDED");

        assertEquals("### FIX_NEEDED", answer("checker", "t1"), "item rule beats stage rules");
        assertEquals("### CHECKER_PASS", answer("checker", "t1"), "item+attempt beats item");
        assertEquals("### FIX_NEEDED", answer("checker", "t2"), "the last stage-wide rule wins the tie");
        assertEquals("### BLOCKED", answer("checker", "t2"), "attempt rule beats stage rules");
    }

    @Test
    void repliesStartAtTheGivenAttempt() throws Exception {
        runner.on("fixer").attempt(2).replies("BLOCKED");

        assertEquals("### FIXER_COMPLETE", answer("fixer", "t1"));
        assertEquals("### BLOCKED", answer("fixer", "t1"));
        assertEquals("### FIXER_COMPLETE", answer("fixer", "t1"));
    }

    @Test
    void aReplyFunctionSeesTheCall() throws Exception {
        List<StageCall> calls = new ArrayList<>();
        runner.on("builder").replyWith(call -> {
            calls.add(call);
            return call.attempt() == 1 ? Reply.result("BLOCKED") : Reply.success();
        });

        assertEquals("### BLOCKED", answer("builder", "t1"));
        assertEquals("### BUILDER_COMPLETE", answer("builder", "t1"));
        assertEquals(2, calls.get(1).attempt());
        assertEquals("t1", calls.get(0).workItemId());
        assertEquals("builder", calls.get(0).stage());
        assertEquals(ws.toAbsolutePath().normalize(), calls.get(0).workspaceRoot());
    }

    @Test
    void messagesTokensAndArtifactsAreWritten() throws Exception {
        runner.on("builder").reply(Reply.success().withMessage("Built it.").withTokens(1200, 300)
                .writing("summary.md", "# Summary\n").writing("reports/detail.txt", "detail"));
        StageRunRequest request = Requests.of(ws, "builder", "t1");

        RunnerRawResult result = runner.run(request);

        assertEquals("Built it.\n### BUILDER_COMPLETE\n", output(result));
        assertEquals(new TokenUsage(1200, 0, 300, 0, 1500), result.tokenUsage());
        assertEquals("# Summary\n", Files.readString(request.runDirectory().resolve("summary.md")));
        assertEquals("detail", Files.readString(request.runDirectory().resolve("reports/detail.txt")));
    }

    @Test
    void anArtifactCannotLeaveTheRunDirectory() {
        runner.on("builder").reply(Reply.success().writing("../escape.txt", "x"));

        assertThrows(IllegalArgumentException.class, () -> runner.run(Requests.of(ws, "builder", "t1")));
    }

    @Test
    void queuedDocumentsLandInTheWorkspaceQueue() throws Exception {
        TaskDocument task = Tasks.task("t-new").build();
        runner.on("manager").reply(Reply.result("MANAGER_COMPLETE").queueing(task));

        Path file = WorkspacePaths.of(ws).documentFile(WorkItemKind.TASK, QueueState.QUEUED, "t-new");
        runner.run(managerRequest());

        assertEquals(task, WorkDocumentMarkdown.read(file, TaskDocument.class));
    }

    private StageRunRequest managerRequest() {
        StageRunRequest builder = Requests.of(ws, "builder", "t1");
        return StageRunRequest.builder().stage(ai.millrace.api.StageMetadataRegistry.builtIn()
                .require(ai.millrace.api.StageId.of("manager"))).requestId("request-m").runId("run-spec")
                .modeId("default_codex").compiledPlanId("plan-1").entrypointPath(builder.entrypointPath())
                .activeWorkItemKind(WorkItemKind.SPEC).activeWorkItemId("s1").runDir(builder.runDir())
                .summaryStatusPath(builder.summaryStatusPath()).runtimeSnapshotPath(builder.runtimeSnapshotPath())
                .recoveryCountersPath(builder.recoveryCountersPath()).build();
    }

    @Test
    void failuresReportTheirExitKinds() throws Exception {
        runner.on("builder").forItem("timeout").reply(Reply.timeout())
                .on("builder").forItem("crash").reply(Reply.crash())
                .on("builder").forItem("provider").reply(Reply.providerError())
                .on("builder").forItem("exit").reply(Reply.exitCode(3));

        assertEquals(RunnerExitKind.TIMEOUT, runner.run(Requests.of(ws, "builder", "timeout")).exitKind());
        assertEquals(RunnerExitKind.RUNNER_ERROR, runner.run(Requests.of(ws, "builder", "crash")).exitKind());
        assertEquals(RunnerExitKind.PROVIDER_ERROR, runner.run(Requests.of(ws, "builder", "provider")).exitKind());
        RunnerRawResult exit = runner.run(Requests.of(ws, "builder", "exit"));
        assertEquals(RunnerExitKind.COMPLETED, exit.exitKind());
        assertEquals(3, exit.exitCode());
        assertEquals("### BUILDER_COMPLETE", output(exit).strip());
    }

    @Test
    void malformedOutputsAreWhatTheirNamesSay() throws Exception {
        runner.on("checker").forItem("missing").reply(Reply.missingMarker())
                .on("checker").forItem("illegal").reply(Reply.illegalMarker())
                .on("checker").forItem("conflict").reply(Reply.conflictingMarkers())
                .on("checker").forItem("raw").reply(Reply.output("### CHECKER_PASS trailing"))
                .on("checker").forItem("garbage").reply(Reply.garbage());

        assertTrue(!answer("checker", "missing").contains("###"));
        assertEquals("### BUILDER_COMPLETE", answer("checker", "illegal"));
        assertEquals("### CHECKER_PASS\n### FIX_NEEDED", answer("checker", "conflict"));
        assertEquals("### CHECKER_PASS trailing", answer("checker", "raw"));
        byte[] junk = Files.readAllBytes(Path.of(runner.run(Requests.of(ws, "checker", "garbage2")).stdoutPath()));
        assertEquals("### CHECKER_PASS", new String(junk, StandardCharsets.UTF_8).strip(), "other items unaffected");
        RunnerRawResult garbage = runner.run(Requests.of(ws, "checker", "garbage"));
        byte[] bytes = Files.readAllBytes(Path.of(garbage.stdoutPath()));
        assertArrayEquals(new byte[] {(byte) 0xC3, 0x28}, new byte[] {bytes[0], bytes[1]});
    }

    @Test
    void anIllegalMarkerIsNeverOneOfTheStagesOwn() throws Exception {
        runner.on("builder").reply(Reply.illegalMarker());

        assertEquals("### CHECKER_PASS", answer("builder", "t1"));
    }

    @Test
    void throwingRepliesThrowAfterWritingTheirFiles() {
        IllegalStateException boom = new IllegalStateException("harness fell over");
        runner.on("builder").reply(Reply.throwing(boom).writing("partial.txt", "half"));
        StageRunRequest request = Requests.of(ws, "builder", "t1");

        assertSame(boom, assertThrows(IllegalStateException.class, () -> runner.run(request)));
        assertTrue(Files.exists(request.runDirectory().resolve("partial.txt")));
    }

    @Test
    void takingMovesAMutableClock() {
        runner.on("builder").reply(Reply.success().taking(Duration.ofMinutes(5)));

        RunnerRawResult result = runner.run(Requests.of(ws, "builder", "t1"));

        assertEquals(MutableClock.DEFAULT_START, result.startedAt());
        assertEquals(MutableClock.DEFAULT_START.plus(Duration.ofMinutes(5)), result.endedAt());
        assertEquals(result.endedAt(), clock.instant());
    }

    @Test
    void resetForgetsRulesAndAttempts() throws Exception {
        runner.on("builder").reply("BLOCKED");
        answer("builder", "t1");

        runner.reset();

        assertEquals(0, runner.attempts("builder", "t1"));
        assertEquals("### BUILDER_COMPLETE", answer("builder", "t1"));
    }

    @Test
    void theDefaultReplyAndIdCanBeChanged() throws Exception {
        ScriptedRunner custom = ScriptedRunner.builder().id("fake_codex").workspace(ws)
                .defaultReply(call -> Reply.result("BLOCKED")).build();

        RunnerRawResult result = custom.run(Requests.of(ws, "updater", "t1"));

        assertEquals("fake_codex", custom.id());
        assertEquals("fake_codex", result.runnerName());
        assertEquals("### BLOCKED", output(result).strip());
    }

    @Test
    void aRunDirectoryOutsideAWorkspaceNeedsAnExplicitWorkspace() {
        StageRunRequest request = Requests.of(ws, "builder", "t1").toBuilder()
                .runDir(ws.resolve("elsewhere/runs/run-1").toString()).build();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(request));
        assertTrue(e.getMessage().contains("workspace(path)"), e.getMessage());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> runner.on("builder").attempt(0));
        assertThrows(IllegalArgumentException.class, () -> Reply.result(" ### "));
        assertThrows(IllegalArgumentException.class, () -> ScriptedRunner.builder().id(" "));
        assertThrows(IllegalArgumentException.class, () -> Reply.success().taking(Duration.ofSeconds(-1)));
    }

    @Test
    void concurrentCallsCountEveryAttemptOnce() throws Exception {
        runner.on("builder").attempt(50).reply("BLOCKED");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(() -> output(runner.run(Requests.of(ws, "builder", "t1"))).strip());
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
            assertEquals(100, runner.attempts("builder", "t1"));
            assertEquals(1, answers.stream().filter("### BLOCKED"::equals).count());
        } finally {
            pool.shutdownNow();
        }
    }
}
