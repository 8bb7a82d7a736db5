package ai.millrace.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.workspace.WorkspacePaths;
import ai.millrace.testkit.MutableClock;
import ai.millrace.testkit.example.LinterPlugin;
import ai.millrace.testkit.fixture.MillraceWorkspace;
import ai.millrace.testkit.fixture.Tasks;
import ai.millrace.testkit.inspect.WorkspaceView;
import ai.millrace.testkit.runner.RecordingRunner;
import ai.millrace.testkit.runner.ScriptedRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs small test classes that use the extension through the JUnit launcher, then checks what
 * they saw: injected parameters, settings from annotations and builders, and clean-up.
 */
class MillraceExtensionTest {
    private static final String LAUNCHED = "millrace.testkit.extension-self-test";
    static final List<Path> ROOTS = new CopyOnWriteArrayList<>();

    @Test
    void injectsOneFixturePerTestAndDeletesItAfterwards() {
        ROOTS.clear();
        Map<String, TestExecutionResult> results = launch(AnnotatedTests.class);

        assertEquals(4, results.size(), results::toString);
        results.forEach((test, result) -> assertEquals(TestExecutionResult.Status.SUCCESSFUL, result.getStatus(),
                () -> test + ": " + result.getThrowable().map(Throwable::toString).orElse("")));
        assertEquals(4, ROOTS.size());
        assertEquals(4, ROOTS.stream().distinct().count(), "each test has a workspace of its own");
        ROOTS.forEach(root -> assertFalse(Files.exists(root), root + " was deleted"));
    }

    @Test
    void aRegisteredExtensionAppliesItsBuilderSettings() {
        Map<String, TestExecutionResult> results = launch(RegisteredTests.class);

        assertEquals(TestExecutionResult.Status.SUCCESSFUL, results.get("runsThePluginLoop").getStatus(),
                () -> results.get("runsThePluginLoop").getThrowable().map(Throwable::toString).orElse(""));
    }

    @Test
    void constructorInjectionIsRefusedWithAClearMessage() {
        Map<String, TestExecutionResult> results = launch(ConstructorInjection.class);

        Throwable failure = results.get("neverRuns").getThrowable().orElseThrow();
        assertTrue(failure.getMessage().contains("Millrace fixtures are per test"), failure.getMessage());
    }

    private static Map<String, TestExecutionResult> launch(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .configurationParameter(LAUNCHED, "true").build();
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                test.getSource().filter(MethodSource.class::isInstance)
                        .map(s -> ((MethodSource) s).getMethodName()).ifPresent(m -> results.put(m, result));
            }
        });
        return results;
    }

    /** Lets the classes below run only when launched by this test. */
    static final class LaunchedBySelfTest implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(LAUNCHED).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by MillraceExtensionTest")
                    : ConditionEvaluationResult.disabled("runs only when launched by MillraceExtensionTest");
        }
    }

    @ExtendWith(LaunchedBySelfTest.class)
    @MillraceTest(config = "[runtime]\ndefault_mode = \"default_codex\"\n\n[recovery]\nmax_fix_cycles = 1\n")
    static class AnnotatedTests {
        private MillraceWorkspace fromBeforeEach;

        @BeforeEach
        void setUp(MillraceWorkspace ws) {
            fromBeforeEach = ws;
            ROOTS.add(ws.root());
        }

        @Test
        void everyParameterComesFromTheSameFixture(MillraceWorkspace ws, ScriptedRunner runner,
                RecordingRunner recorder, MillraceRuntime runtime, MutableClock clock, WorkspaceView view,
                WorkspacePaths paths) {
            assertSame(fromBeforeEach, ws);
            assertSame(ws.runner(), runner);
            assertSame(ws.recorder(), recorder);
            assertSame(ws.runtime(), runtime);
            assertSame(ws.clock(), clock);
            assertEquals(ws.root(), paths.workspaceRoot());
            assertEquals(ws.paths(), view.paths());
        }

        @Test
        void theClassConfigurationIsWritten(MillraceWorkspace ws) throws Exception {
            assertTrue(Files.readString(ws.paths().configFile()).contains("max_fix_cycles = 1"));
        }

        @Test
        @MillraceTest(mode = "linted_codex", plugins = LinterPlugin.class)
        void aMethodAnnotationAddsPluginsAndAMode(MillraceWorkspace ws) {
            ws.queue(Tasks.task("t1"));
            ws.runUntilIdle();
            assertEquals(List.of("builder", "linter"), ws.recorder().stages());
        }

        @Test
        void theDefaultModeRunsWithoutTheMethodsPlugins(MillraceWorkspace ws) {
            ws.queue(Tasks.task("t1"));
            ws.runUntilIdle();
            assertEquals(List.of("builder", "checker", "updater"), ws.recorder().stages());
        }
    }

    @ExtendWith(LaunchedBySelfTest.class)
    static class RegisteredTests {
        @RegisterExtension
        static final MillraceExtension MILLRACE = MillraceExtension.builder().plugins(new LinterPlugin())
                .mode("linted_codex").customize(b -> b.clock(new MutableClock(java.time.Instant.EPOCH))).build();

        @Test
        void runsThePluginLoop(MillraceWorkspace ws, MutableClock clock) {
            ws.queue(Tasks.task("t1"));
            ws.runUntilIdle();
            assertEquals(List.of("builder", "linter"), ws.recorder().stages());
            assertEquals(java.time.Instant.EPOCH, clock.instant());
        }
    }

    @ExtendWith(LaunchedBySelfTest.class)
    @MillraceTest
    static class ConstructorInjection {
        ConstructorInjection(MillraceWorkspace ws) {
        }

        @Test
        void neverRuns() {
        }
    }
}
