package ai.millrace.api;

/**
 * Plugin discovery failed: a provider could not be loaded, two providers claimed one id, or
 * no provider offers a requested id. The message names the provider classes involved.
 */
public class PluginDiscoveryException extends MillraceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param errorCode one of {@link ErrorCode#PLUGIN_LOAD_FAILED},
     *     {@link ErrorCode#DUPLICATE_PLUGIN_ID} or {@link ErrorCode#RUNNER_NOT_FOUND}
     * @param detail what went wrong, naming the classes, never null
     * @param cause the underlying failure, may be null
     */
    public PluginDiscoveryException(ErrorCode errorCode, String detail, Throwable cause) {
        super(errorCode, detail, cause);
    }
}
