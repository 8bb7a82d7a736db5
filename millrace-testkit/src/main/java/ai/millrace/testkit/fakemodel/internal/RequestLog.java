package ai.millrace.testkit.fakemodel.internal;

import ai.millrace.testkit.fakemodel.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every request the server received, in arrival order. Thread-safe; waiters are woken on each
 * new request.
 */
public final class RequestLog {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<RecordedRequest> requests = new ArrayList<>();

    /**
     * Adds a request and wakes waiters.
     *
     * @param request the request, never null
     */
    public void add(RecordedRequest request) {
        lock.lock();
        try {
            requests.add(request);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns a copy of the requests so far.
     *
     * @return an unmodifiable snapshot in arrival order
     */
    public List<RecordedRequest> snapshot() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at least {@code count} requests have arrived.
     *
     * @param count how many requests to wait for, at least 0
     * @param timeout the longest wait
     * @return a snapshot of all requests so far (at least {@code count})
     * @throws AssertionError when the time runs out (listing what did arrive) or the thread is
     *     interrupted (the interrupt flag is set again)
     */
    public List<RecordedRequest> await(int count, Duration timeout) {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (requests.size() < count) {
                if (left <= 0) {
                    throw new AssertionError("expected at least " + count + " request(s) within " + timeout
                            + " but the fake model server received " + requests.size() + ": " + requests);
                }
                try {
                    left = arrived.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + count + " request(s); received "
                            + requests.size() + ": " + requests, e);
                }
            }
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }
}
