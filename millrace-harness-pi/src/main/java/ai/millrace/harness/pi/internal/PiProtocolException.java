package ai.millrace.harness.pi.internal;

/**
 * The RPC stream broke its protocol: it ended before the prompt was answered. The run ends as a
 * transport failure.
 */
public final class PiProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, never null
     */
    public PiProtocolException(String message) {
        super(message);
    }
}
