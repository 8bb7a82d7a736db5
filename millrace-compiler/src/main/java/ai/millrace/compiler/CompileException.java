package ai.millrace.compiler;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import java.util.Objects;

/**
 * A compile failure with its {@link CompileErrorCode}.
 *
 * <p>The compiler never lets this escape {@link PlanCompiler#compile(String)}: it becomes the
 * error line of the {@link ai.millrace.api.state.CompileDiagnostics}. Callers that want an
 * exception (for example a runtime refusing to start) can throw it from a failed
 * {@link CompileResult} with {@link CompileResult#orThrow()}.
 */
public class CompileException extends MillraceException {
    private static final long serialVersionUID = 1L;

    private final CompileErrorCode compileErrorCode;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param compileErrorCode the compile error code, never null
     * @param reason what was wrong, naming the asset, node or edge, never null
     */
    public CompileException(CompileErrorCode compileErrorCode, String reason) {
        this(compileErrorCode, reason, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param compileErrorCode the compile error code, never null
     * @param reason what was wrong, naming the asset, node or edge, never null
     * @param cause the underlying failure, may be null
     */
    public CompileException(CompileErrorCode compileErrorCode, String reason, Throwable cause) {
        super(ErrorCode.COMPILE_FAILED, line(compileErrorCode, reason), cause);
        this.compileErrorCode = compileErrorCode;
        this.reason = reason;
    }

    /**
     * Returns the compile error code.
     *
     * @return the code, never null
     */
    public CompileErrorCode compileErrorCode() {
        return compileErrorCode;
    }

    /**
     * Returns the reason without any code prefix.
     *
     * @return the reason, never null
     */
    public String reason() {
        return reason;
    }

    /**
     * Returns the diagnostics line: {@code [MR-Cnnn] reason}.
     *
     * @return the line, never null
     */
    public String diagnosticLine() {
        return line(compileErrorCode, reason);
    }

    private static String line(CompileErrorCode code, String reason) {
        return "[" + Objects.requireNonNull(code, "compileErrorCode").code() + "] "
                + Objects.requireNonNull(reason, "reason");
    }
}
