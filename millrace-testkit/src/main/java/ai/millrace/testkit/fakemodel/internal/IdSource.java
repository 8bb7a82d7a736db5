package ai.millrace.testkit.fakemodel.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out ids such as {@code resp_0009} or {@code call_0014} from one counter per server, so a
 * run's ids are unique and predictable. Thread-safe.
 */
public final class IdSource {
    private final AtomicLong counter = new AtomicLong();

    /**
     * Returns the next id with this prefix.
     *
     * @param prefix the prefix without the underscore, such as {@code resp}
     * @return the id, such as {@code resp_0001}
     */
    public String next(String prefix) {
        return String.format("%s_%04d", prefix, counter.incrementAndGet());
    }
}
