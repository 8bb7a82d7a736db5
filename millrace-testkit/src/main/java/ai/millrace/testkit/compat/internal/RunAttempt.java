package ai.millrace.testkit.compat.internal;

import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.spi.StageRunner;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One call of {@link StageRunner#run} on a thread of its own, so the kit can bound it, interrupt
 * it, and see the thread's interrupt flag as {@code run} left it. Thread-safe.
 */
public final class RunAttempt {
    private final Thread thread;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile RunnerRawResult result;
    private volatile Throwable failure;
    private volatile boolean interruptFlagAfterRun;
    private volatile long startNanos;
    private volatile long endNanos;

    private RunAttempt(StageRunner runner, StageRunRequest request) {
        this.thread = new Thread(() -> body(runner, request), "compat-kit-run-" + request.requestId());
        this.thread.setDaemon(true);
    }

    /**
     * Starts {@code runner.run(request)} on a new daemon thread.
     *
     * @param runner the runner under test
     * @param request the request
     * @return the started attempt
     */
    public static RunAttempt start(StageRunner runner, StageRunRequest request) {
        RunAttempt attempt = new RunAttempt(runner, request);
        attempt.startNanos = System.nanoTime();
        attempt.thread.start();
        return attempt;
    }

    private void body(StageRunner runner, StageRunRequest request) {
        try {
            result = runner.run(request);
        } catch (Throwable t) {
            failure = t;
        } finally {
            interruptFlagAfterRun = Thread.currentThread().isInterrupted();
            endNanos = System.nanoTime();
            ended.countDown();
        }
    }

    /**
     * Waits for {@code run} to return or throw.
     *
     * @param limit the longest wait
     * @return true when it has ended
     */
    public boolean awaitEnd(Duration limit) {
        try {
            return ended.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ended.getCount() == 0;
        }
    }

    /**
     * Interrupts the thread running {@code run}, which the SPI defines as cancellation.
     */
    public void interrupt() {
        thread.interrupt();
    }

    /**
     * Tells whether {@code run} has ended.
     *
     * @return true after it returned or threw
     */
    public boolean hasEnded() {
        return ended.getCount() == 0;
    }

    /**
     * Returns what {@code run} returned.
     *
     * @return the result, or null when it threw or has not ended
     */
    public RunnerRawResult result() {
        return result;
    }

    /**
     * Returns what {@code run} threw.
     *
     * @return the throwable, or null when it returned or has not ended
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * Tells whether the thread's interrupt flag was set right after {@code run} ended.
     *
     * @return the flag as {@code run} left it
     */
    public boolean interruptFlagAfterRun() {
        return interruptFlagAfterRun;
    }

    /**
     * Returns how long {@code run} took.
     *
     * @return the time from start to end; the time so far when it has not ended
     */
    public Duration elapsed() {
        long end = hasEnded() ? endNanos : System.nanoTime();
        return Duration.ofNanos(end - startNanos);
    }

    /**
     * Returns the nano time at which {@code run} ended.
     *
     * @return the {@link System#nanoTime()} value, meaningful only once it has ended
     */
    public long endNanos() {
        return endNanos;
    }
}
