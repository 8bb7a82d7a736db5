package ai.millrace.testkit.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ai.millrace.api.spi.StageRunner;
import ai.millrace.testkit.compat.internal.ProcessLiveness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Shows that the kit fails runners that break the contract: the kit is run, through the JUnit
 * Platform launcher, against {@link ShellScriptRunner} with one deliberate flaw at a time, and
 * exactly the tests that cover that rule must fail, with a message that names the problem.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class BrokenRunnerDetectionTest {
    private static final String FLAW_PARAMETER = "millrace.testkit.selftest.flaw";

    private static final String SUCCEED = "succeedCompletesWithTheMarker";
    private static final String USAGE = "succeedWithUsageReportsTheUsage";
    private static final String UNKNOWN = "unknownOutputEventsAreTolerated";
    private static final String HUGE = "hugeOutputNeverBlocksOnAFullPipe";
    private static final String CRASH = "crashIsReportedAsAFailure";
    private static final String HANG = "hangTimesOutAndLeavesNoProcess";
    private static final String GRANDCHILD = "hangWithGrandchildKillsTheWholeTree";
    private static final String INTERRUPT = "interruptCancelsTheRun";
    private static final Set<String> ALL = Set.of(SUCCEED, USAGE, UNKNOWN, HUGE, CRASH, HANG, GRANDCHILD, INTERRUPT);

    static Stream<Arguments> flaws() {
        return Stream.of(
                Arguments.of(ShellScriptRunner.Flaw.NONE, Map.of()),
                Arguments.of(ShellScriptRunner.Flaw.IGNORES_TIMEOUT,
                        Map.of(HANG, "did not return within", GRANDCHILD, "did not return within")),
                Arguments.of(ShellScriptRunner.Flaw.KILLS_ONLY_THE_CHILD,
                        Map.of(GRANDCHILD, "still alive")),
                Arguments.of(ShellScriptRunner.Flaw.CLEARS_INTERRUPT_FLAG,
                        Map.of(INTERRUPT, "interrupt flag")),
                Arguments.of(ShellScriptRunner.Flaw.DROPS_USAGE,
                        Map.of(USAGE, "token usage")),
                Arguments.of(ShellScriptRunner.Flaw.UNDRAINED_PIPES,
                        Map.of(HUGE, "did not return within")),
                Arguments.of(ShellScriptRunner.Flaw.WRONG_REQUEST_ID,
                        ALL.stream().collect(Collectors.toMap(name -> name, name -> "request_id must echo"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flaws")
    void theKitFailsExactlyTheTestsThatCoverTheBrokenRule(ShellScriptRunner.Flaw flaw, Map<String, String> expectedFailures)
            throws Exception {
        Set<ProcessHandle> before = ProcessHandle.current().descendants().collect(Collectors.toSet());

        Map<String, TestExecutionResult> results = runKit(flaw);

        assertEquals(ALL, results.keySet(), "every kit test ran");
        Map<String, String> failures = new TreeMap<>();
        results.forEach((name, result) -> {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                failures.put(name, result.getThrowable().map(Throwable::toString).orElse(result.getStatus().name()));
            }
        });
        assertEquals(new TreeMap<>(expectedFailures).keySet(), failures.keySet(), "failing kit tests: " + failures);
        expectedFailures.forEach((name, phrase) -> assertTrue(failures.get(name).contains(phrase),
                name + " should fail saying '" + phrase + "' but said: " + failures.get(name)));
        assertNoNewLiveDescendants(before);
    }

    private static Map<String, TestExecutionResult> runKit(ShellScriptRunner.Flaw flaw) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FlawedRunnerKit.class))
                .configurationParameter(FLAW_PARAMETER, flaw.name())
                .build();
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                test.getSource()
                        .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                        .map(source -> ((org.junit.platform.engine.support.descriptor.MethodSource) source).getMethodName())
                        .ifPresent(method -> results.put(method, result));
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                test.getSource()
                        .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                        .map(source -> ((org.junit.platform.engine.support.descriptor.MethodSource) source).getMethodName())
                        .ifPresent(method -> results.put(method, TestExecutionResult.aborted(new AssertionError(reason))));
            }
        };
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, listener);
        return results;
    }

    private static void assertNoNewLiveDescendants(Set<ProcessHandle> before) throws Exception {
        List<ProcessHandle> fresh = ProcessHandle.current().descendants()
                .filter(h -> !before.contains(h))
                .collect(Collectors.toList());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle handle : fresh) {
            if (!ProcessLiveness.awaitGone(handle, deadline)) {
                handle.destroyForcibly();
                throw new AssertionError("the kit left process " + handle.pid() + " alive: "
                        + handle.info().commandLine().orElse("?"));
            }
        }
    }

    /**
     * The kit bound to a {@link ShellScriptRunner} with the flaw named by the launcher's
     * configuration. Runs only when launched by the test above, never on its own.
     */
    @ExtendWith(LaunchedBySelfTest.class)
    static class FlawedRunnerKit extends StageRunnerCompatibilityKit {
        ShellScriptRunner.Flaw flaw;

        @Override
        protected StageRunner runnerFor(Scenario scenario, Path workDir) throws Exception {
            return new ShellScriptRunner(ScenarioScripts.write(scenario, workDir), flaw);
        }

        @Override
        protected Duration timeoutBudget() {
            return Duration.ofSeconds(1);
        }

        @Override
        protected Duration stopGrace() {
            return Duration.ofSeconds(2);
        }

        @Override
        protected Duration completionLimit() {
            return Duration.ofSeconds(5);
        }
    }

    /** Enables {@link FlawedRunnerKit} only under the self-test launcher and hands it the flaw. */
    static class LaunchedBySelfTest implements ExecutionCondition, TestInstancePostProcessor {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(FLAW_PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by BrokenRunnerDetectionTest")
                    : ConditionEvaluationResult.disabled("runs only when launched by BrokenRunnerDetectionTest");
        }

        @Override
        public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
            ((FlawedRunnerKit) testInstance).flaw = ShellScriptRunner.Flaw.valueOf(
                    context.getConfigurationParameter(FLAW_PARAMETER).orElseThrow());
        }
    }
}
