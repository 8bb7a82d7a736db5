package ai.millrace.api.spi;

/**
 * Builds a {@link StageRunner}. Found by {@link java.util.ServiceLoader}: declare the
 * implementation in {@code module-info.java} ({@code provides ai.millrace.api.spi.StageRunnerProvider
 * with ...}) and in {@code META-INF/services/ai.millrace.api.spi.StageRunnerProvider}.
 *
 * <p>Implementations need a public no-argument constructor and must be cheap to construct: the
 * runtime instantiates every provider on start-up, then calls {@link #create(RunnerContext)} only
 * for runner ids a plan uses. Two providers with the same {@link #id()} are an error unless the
 * embedding application supplies that runner explicitly.
 */
public interface StageRunnerProvider {
    /**
     * Returns the runner id this provider builds, such as {@code pi_rpc}.
     *
     * @return the id, never null
     */
    String id();

    /**
     * Builds a runner. Called once per runtime, on the thread that builds the runtime.
     *
     * @param context the workspace, configuration and clock, never null
     * @return a new runner whose {@link StageRunner#id()} equals {@link #id()}
     * @throws ai.millrace.api.MillraceException with {@link ai.millrace.api.ErrorCode#CONFIG_INVALID}
     *     when the runner's configuration is invalid
     */
    StageRunner create(RunnerContext context);
}
