package ai.millrace.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives every test of the class (or the annotated test method) a fresh, initialized Millrace
 * workspace in a temporary folder, deleted afterwards, and injects what the test asks for as
 * parameters of test and {@code @BeforeEach}/{@code @AfterEach} methods:
 * {@link ai.millrace.testkit.fixture.MillraceWorkspace},
 * {@link ai.millrace.testkit.runner.ScriptedRunner},
 * {@link ai.millrace.testkit.runner.RecordingRunner}, {@link ai.millrace.core.MillraceRuntime},
 * {@link ai.millrace.testkit.MutableClock}, {@link ai.millrace.testkit.inspect.WorkspaceView} and
 * {@link ai.millrace.core.workspace.WorkspacePaths}. All parameters of one test share one fixture.
 *
 * <pre>
 * &#64;MillraceTest(mode = "linted_codex", plugins = LinterPlugin.class)
 * class LinterLoopTest {
 *     &#64;Test
 *     void cleanCodeIsDone(MillraceWorkspace ws, ScriptedRunner runner, MillraceRuntime runtime) { ... }
 * }
 * </pre>
 *
 * <p>This type is the annotation, not a test class: it holds no tests of its own.
 *
 * <p>An annotation on the method overrides the one on the class, attribute by attribute where the
 * method's attribute is set. For plugin instances or a {@code MillraceConfig} object register
 * {@link MillraceExtension#builder()} with {@code @RegisterExtension} instead (not both).
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MillraceExtension.class)
public @interface MillraceTest {
    /**
     * The mode to compile.
     *
     * @return the mode id; empty for the configured default ({@code default_codex})
     */
    String mode() default "";

    /**
     * Plugin classes to instantiate (through their no-argument constructor, which may be private)
     * and register: stage kind, graph loop and mode providers, listeners.
     *
     * @return the classes
     */
    Class<?>[] plugins() default {};

    /**
     * The content of {@code millrace.toml}, replacing the default file.
     *
     * @return TOML text; empty keeps the default file
     */
    String config() default "";
}
