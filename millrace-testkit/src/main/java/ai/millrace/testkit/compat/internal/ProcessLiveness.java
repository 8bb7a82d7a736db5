package ai.millrace.testkit.compat.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tells whether a process is still running, counting a zombie (exited, not yet reaped) as gone.
 *
 * <p>{@link ProcessHandle#isAlive()} and {@link ProcessHandle#onExit()} treat a zombie as alive.
 * An orphaned grandchild that has exited stays a zombie until PID 1 reaps it, which in containers
 * can take seconds or never happen; such a process no longer runs anything, so it is not a leak.
 * On Linux the state is read from {@code /proc/<pid>/stat}; elsewhere zombies are not detected.
 */
public final class ProcessLiveness {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private ProcessLiveness() {
    }

    /**
     * Tells whether a process is running.
     *
     * @param handle the process
     * @return true when it is alive and not a zombie
     */
    public static boolean isRunning(ProcessHandle handle) {
        return handle.isAlive() && !isZombie(handle);
    }

    /**
     * Waits until a process is no longer running, or a deadline passes.
     *
     * @param handle the process
     * @param deadlineNanos the deadline, as a {@link System#nanoTime()} value
     * @return true when the process is gone (exited or a zombie)
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public static boolean awaitGone(ProcessHandle handle, long deadlineNanos) throws InterruptedException {
        while (isRunning(handle)) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                handle.onExit().get(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                // Still there: look at its state again.
            } catch (ExecutionException e) {
                return true;
            }
        }
        return true;
    }

    private static boolean isZombie(ProcessHandle handle) {
        Path stat = Path.of("/proc", Long.toString(handle.pid()), "stat");
        try {
            String text = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
            int close = text.lastIndexOf(')');
            if (close < 0 || close + 2 >= text.length()) {
                return false;
            }
            char state = text.charAt(close + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
