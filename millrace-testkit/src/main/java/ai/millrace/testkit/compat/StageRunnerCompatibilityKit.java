package ai.millrace.testkit.compat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.testkit.compat.internal.ArtifactChecks;
import ai.millrace.testkit.compat.internal.ObservedProcess;
import ai.millrace.testkit.compat.internal.ProcessWatch;
import ai.millrace.testkit.compat.internal.RunAttempt;
import ai.millrace.testkit.compat.internal.RunOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A JUnit 5 compatibility kit for {@link StageRunner} implementations that drive a subprocess (a
 * harness such as the Codex CLI or the Pi coding agent): extend it, implement
 * {@link #runnerFor(Scenario, Path)}, and the inherited tests check that the runner keeps the SPI
 * contract: completion and the marker file, usage, tolerance of unknown output, no blocking on
 * large output, crash reporting, timeouts, cancellation by interrupt, and that no process it
 * started outlives the run.
 *
 * <pre>{@code
 * class CodexRunnerCompatibilityTest extends StageRunnerCompatibilityKit {
 *     @Override
 *     protected StageRunner runnerFor(Scenario scenario, Path workDir) throws Exception {
 *         Path fakeCodex = FakeCodex.write(workDir, scenario);   // a script that behaves as the scenario says
 *         return new CodexCliRunner(configPointingAt(fakeCodex));
 *     }
 * }
 * }</pre>
 *
 * <p>For every test the kit makes a fresh work directory, builds the request with
 * {@link #request(Scenario, Path)} (which creates the run directory and the files the request
 * names), asks for a runner, calls {@link StageRunner#run} on a thread of its own
 * (bounded, so a broken runner fails the test instead of hanging the build), closes the runner,
 * and kills any process the run left behind after reporting it. While the run is going on it
 * polls the JVM's descendant processes, so it also sees grandchildren that a broken runner
 * orphans.
 *
 * <p>A runner that does its work in-process (an HTTP client, say) overrides
 * {@link #startsProcesses()} to return false and {@link #awaitInFlight(Scenario, Duration)} to say
 * when its call is under way. The timeout and interrupt tests then check the result and that no
 * process was left, without requiring one to be seen; the grandchild test is skipped with the
 * reason, since there is no process tree to kill.
 *
 * <p>Threading: {@code runnerFor} and {@code request} are called on the JUnit thread; {@code run}
 * is called on a kit-owned thread. The class is {@link Isolated}, because it attributes every new
 * descendant process of the JVM to the run under test; do not run other process-spawning tests in
 * parallel with it.
 */
@Isolated
public abstract class StageRunnerCompatibilityKit {

    /** The marker line every successful scenario must leave in {@link RunnerRawResult#stdoutPath()}. */
    public static final String COMPLETE_MARKER = "### BUILDER_COMPLETE";
    /** The id of the task the kit's requests work on. */
    public static final String WORK_ITEM_ID = "task-compat-1";
    /** The request timeout, in seconds, for every scenario except the hanging ones. */
    public static final int GENEROUS_TIMEOUT_SECONDS = 600;

    /** How long processes seen during the run may take to be gone after {@code run} returns. */
    private static final Duration LEFTOVER_WAIT = Duration.ofSeconds(3);
    /** How long the cancellation test waits for the run to start a process before interrupting. */
    private static final Duration PROCESS_START_WAIT = Duration.ofSeconds(30);

    /**
     * What the runner's process must do in a test. The implementation of
     * {@link #runnerFor(Scenario, Path)} sets up its fake executable (and, if it uses one, its fake
     * model server) so that the run behaves as described.
     */
    public enum Scenario {
        /** Do a little work, exit 0, and report a final message ending in {@code ### BUILDER_COMPLETE}. */
        SUCCEED,
        /** As {@link #SUCCEED}, and report token usage (see {@link #expectedUsage()}). */
        SUCCEED_WITH_USAGE,
        /**
         * As {@link #SUCCEED}, but the output stream also carries events or lines the runner has
         * never seen (unknown event types, unknown fields, non-JSON noise).
         */
        UNKNOWN_OUTPUT_EVENTS,
        /** As {@link #SUCCEED}, after writing several megabytes to both stdout and stderr. */
        HUGE_OUTPUT,
        /** Fail: exit with a non-zero code (or die) without a marker. */
        CRASH,
        /** Start, then never finish and never exit on its own. */
        HANG,
        /** As {@link #HANG}, after starting a child process of its own (a grandchild of the JVM) that also hangs. */
        HANG_WITH_GRANDCHILD
    }

    /**
     * Returns a runner that, for the kit's request, behaves as {@code scenario} says. Called once
     * per test, on the JUnit thread; the kit closes the runner at the end of the test.
     *
     * @param scenario what the run must do
     * @param workDir a fresh, empty-but-for-the-kit's-files directory for this test; put fake
     *     executables, homes and configuration here
     * @return the runner, never null
     * @throws Exception when the setup fails (the test then errors)
     */
    protected abstract StageRunner runnerFor(Scenario scenario, Path workDir) throws Exception;

    /**
     * Returns the timeout used for the hanging scenarios. The request carries it rounded up to whole
     * seconds (at least 1).
     *
     * @return the budget; 3 seconds unless overridden
     */
    protected Duration timeoutBudget() {
        return Duration.ofSeconds(3);
    }

    /**
     * Says whether the runner does its work in a child process. The kit then requires the hanging
     * scenarios to start one it can see, waits for it before interrupting, and requires the
     * grandchild scenario to start a grandchild.
     *
     * @return true (the default) for a subprocess harness; false for an in-process runner
     */
    protected boolean startsProcesses() {
        return true;
    }

    /**
     * Blocks until the run of a hanging scenario is under way, so that the interrupt test
     * interrupts a run in flight. Called on the JUnit thread, only when {@link #startsProcesses()}
     * is false (otherwise the kit waits for the run's first process).
     *
     * @param scenario the hanging scenario
     * @param limit how long to wait at most
     * @throws Exception when the run does not start in time (the test then fails)
     */
    protected void awaitInFlight(Scenario scenario, Duration limit) throws Exception {
        fail("startsProcesses() is false: override awaitInFlight(Scenario, Duration) to say when the run is in flight");
    }

    /**
     * Returns the usage {@link Scenario#SUCCEED_WITH_USAGE} must report.
     *
     * @return the exact usage expected, or null (the default) to accept any non-null usage with
     *     {@code totalTokens > 0}
     */
    protected TokenUsage expectedUsage() {
        return null;
    }

    /**
     * Returns how long, after its timeout has passed or its thread was interrupted, a runner may
     * take to stop its processes and return.
     *
     * @return the grace; 10 seconds unless overridden
     */
    protected Duration stopGrace() {
        return Duration.ofSeconds(10);
    }

    /**
     * Returns how long a non-hanging scenario may take from start to return.
     *
     * @return the limit; 60 seconds unless overridden
     */
    protected Duration completionLimit() {
        return Duration.ofSeconds(60);
    }

    /**
     * Builds the request the kit runs for a scenario, creating the files and directories it
     * points at: a builder stage on task {@value #WORK_ITEM_ID}, legal markers
     * {@code ### BUILDER_COMPLETE} and {@code ### BLOCKED}, run directory {@code workDir/run},
     * entrypoint, task document and state files under {@code workDir}, model {@code fake-model},
     * and a timeout of {@link #timeoutBudget()} for the hanging scenarios or
     * {@value #GENEROUS_TIMEOUT_SECONDS} seconds otherwise. Each call returns a new request id.
     * Override to add fields (for example a runner name); keep the identity and the timeout.
     *
     * @param scenario the scenario
     * @param workDir the test's work directory
     * @return the request
     * @throws UncheckedIOException when the files cannot be created
     */
    protected StageRunRequest request(Scenario scenario, Path workDir) {
        try {
            Path runDir = Files.createDirectories(workDir.resolve("run"));
            Path entrypoint = write(workDir.resolve("entrypoints/builder.md"),
                    "# Builder (compatibility kit)\n\nDo the task, then print `" + COMPLETE_MARKER + "`.\n");
            Path task = write(workDir.resolve("tasks/active/" + WORK_ITEM_ID + ".md"),
                    "# " + WORK_ITEM_ID + "\n\nA task the compatibility kit runs.\n");
            Path state = Files.createDirectories(workDir.resolve("state"));
            return StageRunRequest.builder()
                    .stage(StageMetadataRegistry.builtIn().require(StageId.BUILDER))
                    .requestId("request-" + UUID.randomUUID().toString().replace("-", ""))
                    .runId("run-compat-" + UUID.randomUUID().toString().substring(0, 8))
                    .modeId("compat_mode")
                    .compiledPlanId("compat-plan")
                    .entrypointPath(entrypoint.toAbsolutePath().toString())
                    .activeWorkItemKind(WorkItemKind.TASK)
                    .activeWorkItemId(WORK_ITEM_ID)
                    .activeWorkItemPath(task.toAbsolutePath().toString())
                    .runDir(runDir.toAbsolutePath().toString())
                    .summaryStatusPath(state.resolve("execution_status.md").toAbsolutePath().toString())
                    .runtimeSnapshotPath(state.resolve("runtime_snapshot.json").toAbsolutePath().toString())
                    .recoveryCountersPath(state.resolve("recovery_counters.json").toAbsolutePath().toString())
                    .modelName("fake-model")
                    .timeoutSeconds(isHang(scenario) ? hangTimeoutSeconds() : GENEROUS_TIMEOUT_SECONDS)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the work directory " + workDir, e);
        }
    }

    /**
     * A successful run completes, and its stdout file has the marker line.
     *
     * @param workDir a fresh directory from JUnit
     * @throws Exception when the setup fails
     */
    @Test
    public void succeedCompletesWithTheMarker(@TempDir Path workDir) throws Exception {
        StageRunRequest request = request(Scenario.SUCCEED, workDir);
        RunOutcome outcome = execute(Scenario.SUCCEED, workDir, request, completionLimit(), false);
        outcome.assertReturned();
        assertAll(checks(request, outcome, completedWithMarker(outcome.result())));
    }

    /**
     * A run that reports usage passes it through.
     *
     * @param workDir a fresh directory from JUnit
     * @throws Exception when the setup fails
     */
    @Test
    public void succeedWithUsageReportsTheUsage(@TempDir Path workDir) throws Exception {
        StageRunRequest request = request(Scenario.SUCCEED_WITH_USAGE, workDir);
        RunOutcome outcome = execute(Scenario.SUCCEED_WITH_USAGE, workDir, request, completionLimit(), false);
        outcome.assertReturned();
        TokenUsage expected = expectedUsage();
        TokenUsage usage = outcome.result().tokenUsage();
        assertAll(checks(request, outcome, completedWithMarker(outcome.result()),
                () -> assertNotNull(usage, "SUCCEED_WITH_USAGE: the result must carry token usage"),
                () -> {
                    if (expected != null) {
                        assertEquals(expected, usage, "SUCCEED_WITH_USAGE: token usage");
                    } else if (usage != null) {
                        assertTrue(usage.totalTokens() > 0, "SUCCEED_WITH_USAGE: totalTokens must be > 0, got " + usage);
                    }
                }));
    }

    /**
     * Output the runner does not know does not break it.
     *
     * @param workDir a fresh directory from JUnit
     * @throws Exception when the setup fails
     */
    @Test
    public void unknownOutputEventsAreTolerated(@TempDir Path workDir) throws Exception {
        StageRunRequest request = request(Scenario.UNKNOWN_OUTPUT_EVENTS, workDir);
        RunOutcome outcome = execute(Scenario.UNKNOWN_OUTPUT_EVENTS, workDir, request, completionLimit(), false);
        outcome.assertReturned();
        assertAll(checks(request, outcome, completedWithMarker(outcome.result())));
    }

    /**
     * Megabytes of stdout and stderr do not block the run on a full pipe.
     *
     * @param workDir a fresh directory from JUnit
     * @throws Exception when the setup fails
     */
    @Test
    public void hugeOutputNeverBlocksOnAFullPipe(@TempDir Path workDir) throws Exception {
        StageRunRequest request = request(Scenario.HUGE_OUTPUT, workDir);
        RunOutcome outcome = execute(Scenario.HUGE_OUTPUT, workDir, request, completionLimit(), false);
        outcome.assertReturned();
        assertAll(checks(request, outcome, completedWithMarker(outcome.result())));
    }

    /**
     * A crash is reported as a runner error, or as a completion with a non-zero exit code.
     *
     * @param workDir a fresh directory from JUnit
     * @throws Exception when the setup fails
     */
    @Test
    public void crashIsReportedAsAFailure(@TempDir Path workDir) throws Exception {
        StageRunRequest request = request(Scenario.CRASH, workDir);
        RunOutcome outcome = execute(Scenario.CRASH, workDir, request, completionLimit(), false);
        outcome.assertReturned();
        RunnerRawResult result = outcome.result();
        assertAll(checks(request, outcome, () -> {
            boolean runnerError = result.exitKind() == RunnerExitKind.RUNNER_ERROR;
            boolean failedExit = result.exitKind() == RunnerExitKind.COMPLETED
                    && result.exitCode() != null && result.exitCode() != 0;
            assertTrue(runnerError || failedExit, "CRASH: expected runner_error, or completed with a non-zero exit"
                    + " code; got " + result.exitKind() + " with exit code " + result.exitCode());
        }));
    }

    /**
     * A run that hangs is stopped at its timeout, returns {@code timeout}, and leaves no process.
     *
     * @param workDir a fresh directory from JUnit
     * @throws Exception when the setup fails
     */
    @Test
    public void hangTimesOutAndLeavesNoProcess(@TempDir Path workDir) throws Exception {
        assertTimesOut(Scenario.HANG, workDir);
    }

    /**
     * A run that hangs with a grandchild is stopped at its timeout and leaves no process, not even
     * the grandchild.
     *
     * @param workDir a fresh directory from JUnit
     * @throws Exception when the setup fails
     */
    @Test
    public void hangWithGrandchildKillsTheWholeTree(@TempDir Path workDir) throws Exception {
        assumeTrue(startsProcesses(), "the runner starts no process, so there is no process tree to kill");
        assertTimesOut(Scenario.HANG_WITH_GRANDCHILD, workDir);
    }

    /**
     * Interrupting the thread that runs a hanging stage cancels it promptly: {@code interrupted},
     * the interrupt flag still set, no process left.
     *
     * @param workDir a fresh directory from JUnit
     * @throws Exception when the setup fails
     */
    @Test
    public void interruptCancelsTheRun(@TempDir Path workDir) throws Exception {
        StageRunRequest request = request(Scenario.HANG, workDir).toBuilder()
                .timeoutSeconds(GENEROUS_TIMEOUT_SECONDS)
                .build();
        RunOutcome outcome = execute(Scenario.HANG, workDir, request, stopGrace(), true);
        outcome.assertReturned();
        RunnerRawResult result = outcome.result();
        assertAll(checks(request, outcome,
                () -> assertEquals(RunnerExitKind.INTERRUPTED, result.exitKind(), "cancellation: exit kind"),
                () -> assertTrue(outcome.attempt().interruptFlagAfterRun(),
                        "cancellation: run() must leave the thread's interrupt flag set"),
                () -> assertFalse(startsProcesses() && outcome.observed().isEmpty(),
                        "cancellation: the HANG run started no process the kit could see, so the test proves nothing")));
    }

    private void assertTimesOut(Scenario scenario, Path workDir) throws Exception {
        StageRunRequest request = request(scenario, workDir);
        Duration timeout = Duration.ofSeconds(request.timeoutSeconds());
        RunOutcome outcome = execute(scenario, workDir, request, timeout.plus(stopGrace()), false);
        outcome.assertReturned();
        RunnerRawResult result = outcome.result();
        Duration elapsed = outcome.attempt().elapsed();
        List<Executable> specific = new ArrayList<>();
        specific.add(() -> assertEquals(RunnerExitKind.TIMEOUT, result.exitKind(), scenario + ": exit kind"));
        specific.add(() -> assertTrue(elapsed.compareTo(timeout.multipliedBy(9).dividedBy(10)) >= 0,
                scenario + ": returned timeout after " + elapsed + ", before the " + timeout + " timeout"));
        specific.add(() -> assertFalse(startsProcesses() && outcome.observed().isEmpty(),
                scenario + ": the run started no process the kit could see, so the test proves nothing"));
        if (scenario == Scenario.HANG_WITH_GRANDCHILD) {
            specific.add(() -> assertTrue(outcome.sawGrandchild(), scenario + ": no grandchild process was seen;"
                    + " make the fake executable start a child of its own that hangs. Seen: " + outcome.describeObserved()));
        }
        assertAll(checks(request, outcome, specific.toArray(new Executable[0])));
    }

    private RunOutcome execute(Scenario scenario, Path workDir, StageRunRequest request, Duration limit, boolean cancel)
            throws Exception {
        StageRunner runner = runnerFor(scenario, workDir);
        assertNotNull(runner, "runnerFor(" + scenario + ") returned null");
        ProcessWatch watch = ProcessWatch.start();
        RunAttempt attempt = RunAttempt.start(runner, request);
        boolean endedInTime;
        try {
            if (cancel) {
                if (startsProcesses()) {
                    watch.awaitFirstProcess(PROCESS_START_WAIT);
                    if (scenario == Scenario.HANG_WITH_GRANDCHILD) {
                        watch.awaitGrandchild(PROCESS_START_WAIT);
                    }
                } else {
                    awaitInFlight(scenario, PROCESS_START_WAIT);
                }
                attempt.interrupt();
            }
            endedInTime = attempt.awaitEnd(limit);
            if (!endedInTime) {
                // Last resort, so a runner that ignored its timeout can still clean up.
                attempt.interrupt();
                attempt.awaitEnd(stopGrace());
            }
        } finally {
            watch.stop();
        }
        List<ObservedProcess> leftovers = watch.survivors(LEFTOVER_WAIT);
        ProcessWatch.killAll(leftovers);
        runner.close();
        return new RunOutcome(scenario.name(), attempt, endedInTime, limit, watch.observed(), leftovers, LEFTOVER_WAIT,
                watch.sawGrandchild());
    }

    private Executable[] checks(StageRunRequest request, RunOutcome outcome, Executable... specific) {
        List<Executable> all = new ArrayList<>(List.of(specific));
        RunnerRawResult result = outcome.result();
        all.add(() -> assertEquals(request.requestId(), result.requestId(), "request_id must echo the request"));
        all.add(() -> assertEquals(request.runId(), result.runId(), "run_id must echo the request"));
        all.add(() -> assertEquals(request.stage(), result.stage(), "stage must echo the request"));
        all.add(() -> assertFalse(result.endedAt().isBefore(result.startedAt()), "started_at must not be after ended_at"));
        all.add(() -> artifactsInsideRunDir(request, result));
        all.add(outcome::assertNoLeftovers);
        return all.toArray(new Executable[0]);
    }

    private static Executable completedWithMarker(RunnerRawResult result) {
        return () -> {
            assertEquals(RunnerExitKind.COMPLETED, result.exitKind(), "exit kind");
            assertTrue(result.exitCode() == null || result.exitCode() == 0, "exit code must be 0, got " + result.exitCode());
            assertNotNull(result.stdoutPath(), "stdout_path must name the text scanned for the marker");
            Path stdout = Path.of(result.stdoutPath());
            assertTrue(Files.isRegularFile(stdout), "stdout_path does not exist: " + stdout);
            assertTrue(ArtifactChecks.hasLine(stdout, COMPLETE_MARKER),
                    "stdout_path " + stdout + " has no line '" + COMPLETE_MARKER + "'");
        };
    }

    private static void artifactsInsideRunDir(StageRunRequest request, RunnerRawResult result) {
        Path runDir = request.runDirectory();
        List<String> outside = new ArrayList<>();
        for (String path : new String[] {result.stdoutPath(), result.stderrPath(), result.eventLogPath(),
                result.terminalResultPath()}) {
            if (path != null && !ArtifactChecks.isInside(Path.of(path), runDir)) {
                outside.add(path);
            }
        }
        assertTrue(outside.isEmpty(), "artifacts must be inside run_dir " + runDir + ": " + outside);
    }

    private int hangTimeoutSeconds() {
        long millis = timeoutBudget().toMillis();
        return (int) Math.max(1, (millis + 999) / 1000);
    }

    private static boolean isHang(Scenario scenario) {
        return scenario == Scenario.HANG || scenario == Scenario.HANG_WITH_GRANDCHILD;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
