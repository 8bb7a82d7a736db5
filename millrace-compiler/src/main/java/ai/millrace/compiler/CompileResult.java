package ai.millrace.compiler;

import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.state.CompileDiagnostics;
import java.util.Objects;
import java.util.Optional;

/**
 * What one compile produced: a plan, or diagnostics saying why not. Immutable.
 */
public final class CompileResult {
    private final CompiledRunPlan plan;
    private final CompileDiagnostics diagnostics;
    private final StageMetadataRegistry stageRegistry;
    private final CompileException error;

    CompileResult(CompiledRunPlan plan, CompileDiagnostics diagnostics, StageMetadataRegistry stageRegistry,
            CompileException error) {
        this.plan = plan;
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
        this.stageRegistry = Objects.requireNonNull(stageRegistry, "stageRegistry");
        this.error = error;
    }

    /**
     * Tells whether the compile succeeded.
     *
     * @return true when {@link #plan()} is not null
     */
    public boolean ok() {
        return plan != null;
    }

    /**
     * Returns the plan.
     *
     * @return the plan, or null when the compile failed
     */
    public CompiledRunPlan plan() {
        return plan;
    }

    /**
     * Returns the diagnostics; on failure its single error line starts with the compile error code.
     *
     * @return the diagnostics, never null
     */
    public CompileDiagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * Returns the stage registry of this compile: the built-in stages plus every stage kind
     * contributed by plugins or the workspace (as far as the compile got). Use it to check the
     * legality of results of custom stages.
     *
     * @return the registry, never null
     */
    public StageMetadataRegistry stageRegistry() {
        return stageRegistry;
    }

    /**
     * Returns the error code of a failed compile.
     *
     * @return the code, or empty on success
     */
    public Optional<CompileErrorCode> errorCode() {
        return error == null ? Optional.empty() : Optional.of(error.compileErrorCode());
    }

    /**
     * Returns the failure.
     *
     * @return the exception, or empty on success
     */
    public Optional<CompileException> error() {
        return Optional.ofNullable(error);
    }

    /**
     * Returns the plan or throws the failure.
     *
     * @return the plan, never null
     * @throws CompileException when the compile failed
     */
    public CompiledRunPlan orThrow() {
        if (error != null) {
            throw error;
        }
        return plan;
    }
}
