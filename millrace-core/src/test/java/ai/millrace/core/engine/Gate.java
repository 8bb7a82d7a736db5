package ai.millrace.core.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A runner-side gate: the runner signals it has entered and waits to be released (or interrupted). */
final class Gate {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    volatile boolean interrupted;

    /** Called by the runner: blocks until released, interrupted, or 30 s pass. */
    void pass() {
        entered.countDown();
        try {
            if (!released.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never released");
            }
        } catch (InterruptedException e) {
            interrupted = true;
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running", e);
        }
    }

    void awaitEntered() throws InterruptedException {
        if (!entered.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the runner never reached the gate");
        }
    }

    void release() {
        released.countDown();
    }
}
