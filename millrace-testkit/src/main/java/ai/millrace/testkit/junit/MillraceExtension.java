package ai.millrace.testkit.junit;

import ai.millrace.api.config.MillraceConfig;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.workspace.WorkspacePaths;
import ai.millrace.testkit.MutableClock;
import ai.millrace.testkit.fixture.MillraceWorkspace;
import ai.millrace.testkit.inspect.WorkspaceView;
import ai.millrace.testkit.runner.RecordingRunner;
import ai.millrace.testkit.runner.ScriptedRunner;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit 5 extension behind {@link MillraceTest}: one {@link MillraceWorkspace} per test,
 * created on the first parameter that needs it and closed (runtime closed, folder deleted) when
 * the test ends.
 *
 * <p>Declarative use: {@code @MillraceTest} (or {@code @ExtendWith(MillraceExtension.class)}).
 * Programmatic use, for plugin instances or configuration objects:
 * <pre>{@code
 * @RegisterExtension
 * static final MillraceExtension MILLRACE = MillraceExtension.builder()
 *         .plugins(new LinterPlugin()).mode("linted_codex").build();
 * }</pre>
 *
 * <p>Parameters are resolved for test methods and {@code @BeforeEach}/{@code @AfterEach} methods
 * only (not constructors or {@code @BeforeAll}). Requires JUnit Jupiter 5.13 or later, which closes
 * {@link AutoCloseable} values of the extension store. Thread-safe: tests running in parallel get
 * fixtures of their own.
 */
public final class MillraceExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MillraceExtension.class);
    private static final Map<Class<?>, Function<MillraceWorkspace, Object>> PARAMETERS = Map.of(
            MillraceWorkspace.class, ws -> ws,
            ScriptedRunner.class, MillraceWorkspace::runner,
            RecordingRunner.class, MillraceWorkspace::recorder,
            MillraceRuntime.class, MillraceWorkspace::runtime,
            MutableClock.class, MillraceWorkspace::clock,
            WorkspaceView.class, MillraceWorkspace::view,
            WorkspacePaths.class, MillraceWorkspace::paths);

    private final Consumer<MillraceWorkspace.Builder> setup;

    /** Creates the extension with the defaults; what {@link MillraceTest} registers. */
    public MillraceExtension() {
        this(b -> { });
    }

    private MillraceExtension(Consumer<MillraceWorkspace.Builder> setup) {
        this.setup = setup;
    }

    /**
     * Returns a builder for {@code @RegisterExtension}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return PARAMETERS.containsKey(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("Millrace fixtures are per test: inject "
                    + parameter.getParameter().getType().getSimpleName()
                    + " into a @Test, @BeforeEach or @AfterEach method, not into " + parameter.getDeclaringExecutable());
        }
        MillraceWorkspace ws = context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(MillraceWorkspace.class, k -> create(context), MillraceWorkspace.class);
        return PARAMETERS.get(parameter.getParameter().getType()).apply(ws);
    }

    private MillraceWorkspace create(ExtensionContext context) {
        MillraceWorkspace.Builder b = MillraceWorkspace.builder();
        setup.accept(b);
        for (MillraceTest settings : annotations(context)) {
            if (!settings.mode().isEmpty()) {
                b.mode(settings.mode());
            }
            for (Class<?> plugin : settings.plugins()) {
                b.plugins(ReflectionSupport.newInstance(plugin));
            }
            if (!settings.config().isEmpty()) {
                b.configToml(settings.config());
            }
        }
        return b.build();
    }

    // Outermost class first, the method last, so the closest setting wins.
    private static List<MillraceTest> annotations(ExtensionContext context) {
        List<MillraceTest> out = new ArrayList<>();
        List<AnnotatedElement> elements = new ArrayList<>();
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            elements.add(0, c);
        }
        context.getTestMethod().ifPresent(elements::add);
        for (AnnotatedElement e : elements) {
            Optional<MillraceTest> found = AnnotationSupport.findAnnotation(e, MillraceTest.class);
            found.ifPresent(out::add);
        }
        return out;
    }

    /** Configures a {@link MillraceExtension}. Not thread-safe. */
    public static final class Builder {
        private final List<Consumer<MillraceWorkspace.Builder>> steps = new ArrayList<>();

        private Builder() {
        }

        /**
         * Registers plugin objects in every fixture.
         *
         * @param plugins provider instances; shared by all tests, so they should be stateless
         * @return this builder
         */
        public Builder plugins(Object... plugins) {
            Object[] copy = plugins.clone();
            steps.add(b -> b.plugins(copy));
            return this;
        }

        /**
         * Compiles this mode.
         *
         * @param modeId the mode id, never null
         * @return this builder
         */
        public Builder mode(String modeId) {
            Objects.requireNonNull(modeId, "modeId");
            steps.add(b -> b.mode(modeId));
            return this;
        }

        /**
         * Uses this configuration object instead of {@code millrace.toml}.
         *
         * @param config the configuration, never null
         * @return this builder
         */
        public Builder config(MillraceConfig config) {
            Objects.requireNonNull(config, "config");
            steps.add(b -> b.config(config));
            return this;
        }

        /**
         * Writes this {@code millrace.toml}.
         *
         * @param toml the content, never null
         * @return this builder
         */
        public Builder configToml(String toml) {
            Objects.requireNonNull(toml, "toml");
            steps.add(b -> b.configToml(toml));
            return this;
        }

        /**
         * Changes anything else on each fixture's builder (a listener, a clock start).
         *
         * @param step called with every new fixture builder, never null
         * @return this builder
         */
        public Builder customize(Consumer<MillraceWorkspace.Builder> step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /**
         * Builds the extension.
         *
         * @return the extension
         */
        public MillraceExtension build() {
            List<Consumer<MillraceWorkspace.Builder>> copy = List.copyOf(steps);
            return new MillraceExtension(b -> copy.forEach(s -> s.accept(b)));
        }
    }
}
