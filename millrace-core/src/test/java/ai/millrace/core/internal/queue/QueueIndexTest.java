package ai.millrace.core.internal.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.core.workspace.QueueState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueueIndexTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static QueueEntry entry(String id, long second, String... deps) {
        return new QueueEntry(id, T.plusSeconds(second), List.of(deps), null);
    }

    private static String first(QueueIndex index) {
        return index.firstReady(null).map(QueueEntry::id).orElse(null);
    }

    @Test
    void oldestFirstThenById() {
        QueueIndex index = new QueueIndex();
        index.addQueued(entry("b", 5));
        index.addQueued(entry("c", 1));
        index.addQueued(entry("a", 5));
        assertEquals("c", first(index));
        index.removeQueued("c");
        assertEquals("a", first(index));
    }

    @Test
    void dependentIsEligibleOnlyWhenEveryDependencyIsDone() {
        QueueIndex index = new QueueIndex();
        index.addQueued(entry("late", 0, "x", "y"));
        index.addQueued(entry("other", 9));
        assertEquals("other", first(index));
        index.add(QueueState.DONE, "x");
        assertEquals("other", first(index), "one dependency is still missing");
        index.add(QueueState.ACTIVE, "y");
        assertEquals("other", first(index), "active is not done");
        index.add(QueueState.DONE, "y");
        assertEquals("late", first(index));
        index.remove(QueueState.DONE, "y");
        assertEquals("other", first(index), "a dependency leaving done makes it wait again");
    }

    @Test
    void dependencyAlreadyDoneWhenQueuedIsMet() {
        QueueIndex index = new QueueIndex();
        index.add(QueueState.DONE, "x");
        index.addQueued(entry("a", 0, "x", "x"));
        assertEquals("a", first(index));
        assertEquals(1, index.readyCount());
    }

    @Test
    void replacingAnEntryReordersIt() {
        QueueIndex index = new QueueIndex();
        index.addQueued(entry("a", 1));
        index.addQueued(entry("b", 2));
        index.addQueued(entry("a", 3));
        assertEquals("b", first(index));
        assertEquals(2, index.queuedCount());
    }

    @Test
    void rootFilterSelectsWithinOneRoot() {
        QueueIndex index = new QueueIndex();
        index.addQueued(new QueueEntry("r1-old", T, List.of(), "root1"));
        index.addQueued(new QueueEntry("r2", T.plusSeconds(1), List.of(), "root2"));
        index.addQueued(new QueueEntry("r1-new", T.plusSeconds(2), List.of(), "root1"));
        assertEquals(Optional.of("r2"), index.firstReady("root2").map(QueueEntry::id));
        index.removeQueued("r1-old");
        assertEquals(Optional.of("r1-new"), index.firstReady("root1").map(QueueEntry::id));
        assertTrue(index.firstReady("root3").isEmpty());
    }

    @Test
    void statesOfReportsDuplicates() {
        QueueIndex index = new QueueIndex();
        index.addQueued(entry("a", 0));
        index.add(QueueState.DONE, "a");
        assertEquals(java.util.EnumSet.of(QueueState.QUEUED, QueueState.DONE), index.statesOf("a"));
    }

    /**
     * 100,000 queued tasks in a dependency chain: each task depends on the one before it. Only the
     * head is ever eligible; completing it releases exactly the next. Claim order must hold
     * across the whole chain without scanning (timing is measured by the JMH benchmarks).
     */
    @Test
    void hundredThousandChainedEntriesClaimInDependencyOrder() {
        int n = 100_000;
        QueueIndex index = new QueueIndex();
        // Inserted newest first, so claim order is decided by dependencies and time, not insertion.
        for (int i = n - 1; i >= 0; i--) {
            String id = "t" + i;
            index.addQueued(i == 0 ? entry(id, n - i) : entry(id, n - i, "t" + (i - 1)));
        }
        index.addQueued(entry("free", 10 * n));
        assertEquals(n + 1, index.queuedCount());
        assertEquals(2, index.readyCount());
        for (int i = 0; i < n; i++) {
            QueueEntry head = index.firstReady(null).orElseThrow();
            assertEquals("t" + i, head.id());
            index.removeQueued(head.id());
            index.add(QueueState.ACTIVE, head.id());
            index.remove(QueueState.ACTIVE, head.id());
            index.add(QueueState.DONE, head.id());
        }
        assertEquals("free", first(index));
        assertEquals(1, index.queuedCount());
    }

    @Test
    void hundredThousandIndependentEntriesClaimOldestFirst() {
        int n = 100_000;
        QueueIndex index = new QueueIndex();
        for (int i = 0; i < n; i++) {
            // A scrambled but deterministic order of creation times.
            long t = (i * 7919L) % n;
            index.addQueued(entry(String.format("x%06d", i), t));
        }
        long previous = -1;
        for (int i = 0; i < n; i++) {
            QueueEntry e = index.firstReady(null).orElseThrow();
            long t = e.orderedAt().getEpochSecond() - T.getEpochSecond();
            assertTrue(t > previous, "claim order must be strictly by time here");
            previous = t;
            index.removeQueued(e.id());
        }
        assertTrue(index.firstReady(null).isEmpty());
    }
}
