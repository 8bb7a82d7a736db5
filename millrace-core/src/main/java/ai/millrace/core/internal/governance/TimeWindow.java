package ai.millrace.core.internal.governance;

import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A running sum over the entries of a shared time index whose time is at or after a moving
 * start. Moving the start forward subtracts only the entries it passes, so each entry is added
 * once and subtracted once; moving it backward (a clock set back) re-sums from the index. Not
 * thread-safe; owned by {@link UsageWindowIndex}.
 */
final class TimeWindow {
    private Instant start;
    private long sum;

    /**
     * Creates a window that starts at the beginning of time until first moved.
     */
    TimeWindow() {
        this.start = Instant.MIN;
    }

    /** @return the window start */
    Instant start() {
        return start;
    }

    /** @return the sum of the entries at or after the start */
    long sum() {
        return sum;
    }

    /**
     * Counts a new entry if it falls inside the window.
     *
     * @param at the entry time
     * @param tokens the tokens
     */
    void add(Instant at, long tokens) {
        if (!at.isBefore(start)) {
            sum += tokens;
        }
    }

    /**
     * Moves the window start.
     *
     * @param newStart the new start
     * @param index every retained entry, by time
     */
    void moveTo(Instant newStart, NavigableMap<Instant, Long> index) {
        if (newStart.equals(start)) {
            return;
        }
        if (newStart.isAfter(start)) {
            for (Map.Entry<Instant, Long> e : index.subMap(start, true, newStart, false).entrySet()) {
                sum -= e.getValue();
            }
        } else {
            sum = 0;
            for (long tokens : index.tailMap(newStart, true).values()) {
                sum += tokens;
            }
        }
        start = newStart;
    }
}
