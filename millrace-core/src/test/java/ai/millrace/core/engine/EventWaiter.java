package ai.millrace.core.engine;

import ai.millrace.api.spi.RuntimeListener;
import ai.millrace.api.state.RuntimeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/** A listener that records every runtime event and lets a test block until one arrives (no sleeps). */
final class EventWaiter implements RuntimeListener {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<RuntimeEvent> events = new ArrayList<>();

    @Override
    public void onEvent(RuntimeEvent event) {
        lock.lock();
        try {
            events.add(event);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    List<RuntimeEvent> events() {
        lock.lock();
        try {
            return List.copyOf(events);
        } finally {
            lock.unlock();
        }
    }

    static Predicate<RuntimeEvent> type(String type) {
        return e -> e.eventType().equals(type);
    }

    static Predicate<RuntimeEvent> stage(String type, String stage) {
        return e -> e.eventType().equals(type) && stage.equals(e.data().get("stage"));
    }

    /** Waits until at least {@code count} events match; fails the test after the timeout. */
    RuntimeEvent await(Predicate<RuntimeEvent> match, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                int seen = 0;
                for (RuntimeEvent e : events) {
                    if (match.test(e) && ++seen == count) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + count
                            + " matching event(s); saw " + events.stream().map(RuntimeEvent::eventType).toList());
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    RuntimeEvent await(Predicate<RuntimeEvent> match, Duration timeout) throws InterruptedException {
        return await(match, 1, timeout);
    }

    long count(Predicate<RuntimeEvent> match) {
        return events().stream().filter(match).count();
    }
}
