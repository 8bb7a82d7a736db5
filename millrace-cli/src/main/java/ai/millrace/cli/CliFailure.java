package ai.millrace.cli;

/**
 * A command failed in a way the operator can act on: printed as {@code error: <message>} (and
 * {@code hint: <hint>} when there is one), exit code 1, never with a stack trace.
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    CliFailure(String message) {
        this(message, null);
    }

    CliFailure(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    String hint() {
        return hint;
    }
}
