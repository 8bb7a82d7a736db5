package ai.millrace.core.internal.governance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The in-memory view of the usage ledger that the governor evaluates against, built once from
 * the ledger at start-up and then fed one entry per recorded result.
 *
 * <p>Memory stays bounded by time, not by history: token totals are kept per instant only for
 * the retention period (the longest time window plus slack), with two running sums (rolling
 * five hours and the current calendar week); the daemon-session and per-run windows are one
 * running sum per session and per run. The only per-result state kept forever is the set of
 * dedupe keys, so that a result recorded again (after a crash, or by a second call) is ignored.
 * Not thread-safe; the ledger serializes access.
 */
public final class UsageWindowIndex {
    /** The rolling window length. */
    public static final Duration ROLLING = Duration.ofHours(5);
    /** How long per-instant totals are kept: a calendar week plus the rolling window plus slack. */
    public static final Duration RETENTION = Duration.ofDays(8);

    private final NavigableMap<Instant, Long> byTime = new TreeMap<>();
    private final TimeWindow rolling = new TimeWindow();
    private final TimeWindow week = new TimeWindow();
    private final Map<String, Long> bySession = new HashMap<>();
    private final Map<String, Long> byRun = new HashMap<>();
    private final Set<String> keys = new HashSet<>();
    private Instant retainFrom = Instant.MIN;

    /**
     * Tells whether an entry with this dedupe key was counted.
     *
     * @param dedupeKey the key
     * @return true when already counted
     */
    public boolean contains(String dedupeKey) {
        return keys.contains(dedupeKey);
    }

    /**
     * Counts one entry. A key seen before is ignored.
     *
     * @param dedupeKey the key
     * @param completedAt when the stage ended
     * @param tokens the total tokens
     * @param sessionId the daemon session, or null
     * @param runId the run
     * @return false when the key was already counted
     */
    public boolean add(String dedupeKey, Instant completedAt, long tokens, String sessionId, String runId) {
        if (!keys.add(dedupeKey)) {
            return false;
        }
        bySession.merge(sessionKey(sessionId), tokens, Long::sum);
        byRun.merge(runId, tokens, Long::sum);
        if (!completedAt.isBefore(retainFrom)) {
            byTime.merge(completedAt, tokens, Long::sum);
            rolling.add(completedAt, tokens);
            week.add(completedAt, tokens);
        }
        return true;
    }

    /**
     * Moves both time windows to an evaluation time and forgets per-instant totals that no window
     * can reach any more.
     *
     * @param now the evaluation time
     * @param weekStart the start of the current calendar week
     */
    public void advance(Instant now, Instant weekStart) {
        // An entry leaves the rolling window exactly ROLLING after it completed.
        rolling.moveTo(now.minus(ROLLING).plusNanos(1), byTime);
        week.moveTo(weekStart, byTime);
        Instant keepFrom = now.minus(RETENTION);
        if (keepFrom.isAfter(retainFrom)) {
            Instant oldest = rolling.start().isBefore(week.start()) ? rolling.start() : week.start();
            if (keepFrom.isBefore(oldest)) {
                byTime.headMap(keepFrom, false).clear();
                retainFrom = keepFrom;
            }
        }
    }

    /**
     * Forgets per-instant totals older than a time while reading the ledger at start-up, so that
     * memory stays bounded however long the ledger is.
     *
     * @param from the oldest time worth keeping
     */
    public void retainFrom(Instant from) {
        retainFrom = from;
        byTime.headMap(from, false).clear();
    }

    /** @return tokens in the rolling five hours ending at the last {@link #advance} */
    public long rollingSum() {
        return rolling.sum();
    }

    /** @return tokens since the calendar week start of the last {@link #advance} */
    public long weekSum() {
        return week.sum();
    }

    /**
     * Returns the tokens of one daemon session.
     *
     * @param sessionId the session, or null for offline entries
     * @return the sum
     */
    public long sessionSum(String sessionId) {
        return bySession.getOrDefault(sessionKey(sessionId), 0L);
    }

    /**
     * Returns the tokens of one run.
     *
     * @param runId the run id
     * @return the sum
     */
    public long runSum(String runId) {
        return byRun.getOrDefault(runId, 0L);
    }

    /**
     * Returns when the rolling sum drops below a threshold if nothing new is counted: walking the
     * window oldest first, the first entry whose expiry brings the sum under the threshold.
     *
     * @param threshold the threshold
     * @return that time, or null when the sum is already below it
     */
    public Instant rollingReleaseAt(long threshold) {
        long sum = rolling.sum();
        if (sum < threshold) {
            return null;
        }
        for (Map.Entry<Instant, Long> e : byTime.tailMap(rolling.start(), true).entrySet()) {
            sum -= e.getValue();
            if (sum < threshold) {
                return e.getKey().plus(ROLLING);
            }
        }
        return null;
    }

    /** @return how many dedupe keys are held */
    public int countedResults() {
        return keys.size();
    }

    /** @return how many per-instant totals are held (bounded by the retention period) */
    public int retainedInstants() {
        return byTime.size();
    }

    private static String sessionKey(String sessionId) {
        return sessionId == null ? "" : sessionId;
    }
}
