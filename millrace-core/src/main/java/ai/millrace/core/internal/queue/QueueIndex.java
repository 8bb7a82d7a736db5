package ai.millrace.core.internal.queue;

import ai.millrace.core.workspace.QueueState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The in-memory index of one work item kind's four folders, so that a claim costs a lookup, not a
 * scan: the ids in each state, and the queued entries that are eligible (every dependency done)
 * kept in claim order, overall and per effective root spec.
 *
 * <p>Dependencies are counted, not re-checked: each queued entry knows how many of its
 * dependencies are not done yet, and marking an id done releases the entries waiting on it. So
 * {@link #firstReady(String)} is O(log n) however many entries wait. Pure memory, no I/O; not
 * thread-safe (the queue store serializes access).
 */
public final class QueueIndex {
    private final Map<QueueState, Set<String>> ids = new EnumMap<>(QueueState.class);
    private final Map<String, QueueEntry> queued = new HashMap<>();
    private final NavigableSet<QueueEntry> ready = new TreeSet<>(QueueEntry.CLAIM_ORDER);
    private final Map<String, NavigableSet<QueueEntry>> readyByRoot = new HashMap<>();
    private final Map<String, Set<String>> dependents = new HashMap<>();
    private final Map<String, Integer> unmet = new HashMap<>();
    private long version;

    /** Creates an empty index. */
    public QueueIndex() {
        for (QueueState state : QueueState.values()) {
            ids.put(state, new HashSet<>());
        }
    }

    /**
     * Adds or replaces a queued entry.
     *
     * @param entry the entry
     */
    public void addQueued(QueueEntry entry) {
        version++;
        removeQueued(entry.id());
        ids.get(QueueState.QUEUED).add(entry.id());
        queued.put(entry.id(), entry);
        int missing = 0;
        for (String dep : new LinkedHashSet<>(entry.dependsOn())) {
            dependents.computeIfAbsent(dep, k -> new HashSet<>()).add(entry.id());
            if (!ids.get(QueueState.DONE).contains(dep)) {
                missing++;
            }
        }
        unmet.put(entry.id(), missing);
        if (missing == 0) {
            addReady(entry);
        }
    }

    /**
     * Removes a queued entry.
     *
     * @param id the id
     * @return true if it was queued
     */
    public boolean removeQueued(String id) {
        version++;
        QueueEntry old = queued.remove(id);
        ids.get(QueueState.QUEUED).remove(id);
        if (old == null) {
            return false;
        }
        removeReady(old);
        unmet.remove(id);
        for (String dep : old.dependsOn()) {
            Set<String> waiting = dependents.get(dep);
            if (waiting != null) {
                waiting.remove(id);
                if (waiting.isEmpty()) {
                    dependents.remove(dep);
                }
            }
        }
        return true;
    }

    /**
     * Records an id in a non-queued state. Marking an id done makes the entries that depend on it
     * eligible once all their dependencies are done.
     *
     * @param state {@code ACTIVE}, {@code DONE} or {@code BLOCKED}
     * @param id the id
     */
    public void add(QueueState state, String id) {
        if (state == QueueState.QUEUED) {
            throw new IllegalArgumentException("use addQueued for queued entries");
        }
        version++;
        if (ids.get(state).add(id) && state == QueueState.DONE) {
            for (String waiter : dependents.getOrDefault(id, Set.of())) {
                int left = unmet.merge(waiter, -1, Integer::sum);
                if (left == 0) {
                    addReady(queued.get(waiter));
                }
            }
        }
    }

    /**
     * Forgets an id in a state.
     *
     * @param state the state
     * @param id the id
     * @return true if it was there
     */
    public boolean remove(QueueState state, String id) {
        if (state == QueueState.QUEUED) {
            return removeQueued(id);
        }
        version++;
        boolean removed = ids.get(state).remove(id);
        if (removed && state == QueueState.DONE) {
            for (String waiter : dependents.getOrDefault(id, Set.of())) {
                if (unmet.merge(waiter, 1, Integer::sum) == 1) {
                    removeReady(queued.get(waiter));
                }
            }
        }
        return removed;
    }

    /** @return a number that changes whenever an entry is added, removed or changes state */
    public long version() {
        return version;
    }

    /**
     * Tells whether queued entries wait for an id to be done.
     *
     * @param id the id
     * @return true when some queued entry depends on it
     */
    public boolean hasDependents(String id) {
        return dependents.containsKey(id);
    }

    /**
     * Returns the oldest eligible queued entry.
     *
     * @param rootSpecId only entries with this effective root spec; null for any
     * @return the entry, or empty when none is eligible
     */
    public Optional<QueueEntry> firstReady(String rootSpecId) {
        NavigableSet<QueueEntry> set = rootSpecId == null ? ready : readyByRoot.get(rootSpecId);
        return set == null || set.isEmpty() ? Optional.empty() : Optional.of(set.first());
    }

    /**
     * Returns a queued entry.
     *
     * @param id the id
     * @return the entry, or empty when not queued
     */
    public Optional<QueueEntry> queuedEntry(String id) {
        return Optional.ofNullable(queued.get(id));
    }

    /**
     * Returns the ids in a state.
     *
     * @param state the state
     * @return an unmodifiable live view
     */
    public Set<String> ids(QueueState state) {
        return Collections.unmodifiableSet(ids.get(state));
    }

    /**
     * Returns every state an id is recorded in; more than one means a duplicate on disk.
     *
     * @param id the id
     * @return the states, possibly empty
     */
    public EnumSet<QueueState> statesOf(String id) {
        EnumSet<QueueState> out = EnumSet.noneOf(QueueState.class);
        for (QueueState state : QueueState.values()) {
            if (ids.get(state).contains(id)) {
                out.add(state);
            }
        }
        return out;
    }

    /**
     * Returns how many entries are queued.
     *
     * @return the queue depth
     */
    public int queuedCount() {
        return queued.size();
    }

    /**
     * Returns how many queued entries are eligible now.
     *
     * @return the eligible count
     */
    public int readyCount() {
        return ready.size();
    }

    private void addReady(QueueEntry entry) {
        ready.add(entry);
        if (entry.rootSpecId() != null) {
            readyByRoot.computeIfAbsent(entry.rootSpecId(), k -> new TreeSet<>(QueueEntry.CLAIM_ORDER)).add(entry);
        }
    }

    private void removeReady(QueueEntry entry) {
        ready.remove(entry);
        if (entry.rootSpecId() != null) {
            NavigableSet<QueueEntry> set = readyByRoot.get(entry.rootSpecId());
            if (set != null) {
                set.remove(entry);
                if (set.isEmpty()) {
                    readyByRoot.remove(entry.rootSpecId());
                }
            }
        }
    }
}
