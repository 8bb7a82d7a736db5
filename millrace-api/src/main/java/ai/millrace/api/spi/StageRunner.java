package ai.millrace.api.spi;

import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;

/**
 * A harness: runs one bounded stage of agent work and reports how it ended.
 *
 * <p>The runtime calls {@link #run(StageRunRequest)} once per stage invocation, on a worker thread
 * it owns, and never calls it concurrently for the same plane. Implementations used by several
 * planes at once (the daemon runs a learning stage beside a foreground stage) must be safe for
 * concurrent calls with different requests.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li><b>Blocking.</b> {@code run} returns only when the stage is over and every process it
 *       started has exited.</li>
 *   <li><b>Timeout.</b> When {@link StageRunRequest#timeoutSeconds()} is greater than 0 the runner
 *       stops the stage once it has run that long, kills its whole process tree, and returns
 *       {@link ai.millrace.api.run.RunnerExitKind#TIMEOUT}. A value of 0 means the runner's own
 *       default.</li>
 *   <li><b>Cancellation.</b> When the calling thread is interrupted the runner stops the stage as
 *       for a timeout, returns {@link ai.millrace.api.run.RunnerExitKind#INTERRUPTED}, and leaves
 *       the thread's interrupt flag set.</li>
 *   <li><b>Failures are results.</b> A missing binary, a crash or a provider error is reported in
 *       the returned result ({@code runner_error}, {@code provider_error}), not thrown. An exception
 *       that escapes anyway is treated by the runtime as a transport failure of the stage.</li>
 *   <li><b>No verdicts.</b> The runner does not decide the terminal result: it points
 *       {@link RunnerRawResult#stdoutPath()} at the text the runtime scans for the one legal
 *       marker.</li>
 *   <li><b>Artifacts.</b> Files the runner writes go inside {@link StageRunRequest#runDir()}.</li>
 * </ul>
 */
public interface StageRunner extends AutoCloseable {
    /**
     * Returns the runner id that compiled plans bind to, such as {@code codex_cli}.
     *
     * @return the id, never null; constant for the runner's life
     */
    String id();

    /**
     * Runs one stage. See the class documentation for the timeout, cancellation and failure rules.
     *
     * @param request the stage invocation, never null
     * @return how the stage ended, never null; identity fields echo the request
     */
    RunnerRawResult run(StageRunRequest request);

    /**
     * Releases resources held across runs. Called once by the runtime when it closes; the default
     * does nothing.
     */
    @Override
    default void close() {
    }
}
