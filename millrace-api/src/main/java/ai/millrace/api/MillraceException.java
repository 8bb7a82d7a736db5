package ai.millrace.api;

import java.util.Objects;

/**
 * Root of every exception Millrace throws on purpose.
 *
 * <p>Unchecked, so that embedding code is not forced to catch what it cannot handle. Each
 * instance carries a stable {@link ErrorCode}; the message says what was wrong and, where it
 * can, what to do about it. {@link #getMessage()} is prefixed with the code, for example
 * {@code [MR-E020] millrace.toml: runtime.tick_seconds must be greater than 0}.
 */
public class MillraceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final String detail;

    /**
     * Creates an exception.
     *
     * @param errorCode the stable code, never null
     * @param detail what was wrong and what to do, never null
     */
    public MillraceException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, null);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param errorCode the stable code, never null
     * @param detail what was wrong and what to do, never null
     * @param cause the underlying failure, may be null
     */
    public MillraceException(ErrorCode errorCode, String detail, Throwable cause) {
        super("[" + Objects.requireNonNull(errorCode, "errorCode").code() + "] "
                + Objects.requireNonNull(detail, "detail"), cause);
        this.errorCode = errorCode;
        this.detail = detail;
    }

    /**
     * Returns the stable error code.
     *
     * @return the code, never null
     */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /**
     * Returns the message without the code prefix.
     *
     * @return the detail text, never null
     */
    public String detail() {
        return detail;
    }
}
