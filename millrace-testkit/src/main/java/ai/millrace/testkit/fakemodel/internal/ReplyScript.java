package ai.millrace.testkit.fakemodel.internal;

import ai.millrace.testkit.fakemodel.FakeReply;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The queue of scripted replies and the fallback used once it is empty. Thread-safe: replies are
 * handed out in enqueue order, one per model request, in the order requests reach {@link #next()}.
 */
public final class ReplyScript {
    private final Deque<FakeReply> queue = new ArrayDeque<>();
    private FakeReply fallback;

    /**
     * Creates an empty script.
     *
     * @param fallback the reply used when the queue is empty, never null
     */
    public ReplyScript(FakeReply fallback) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /**
     * Appends a reply.
     *
     * @param reply the reply, never null
     */
    public synchronized void enqueue(FakeReply reply) {
        queue.addLast(Objects.requireNonNull(reply, "reply"));
    }

    /**
     * Replaces the fallback.
     *
     * @param reply the new fallback, never null
     */
    public synchronized void fallback(FakeReply reply) {
        fallback = Objects.requireNonNull(reply, "reply");
    }

    /**
     * Takes the next reply.
     *
     * @return the head of the queue, or the fallback when the queue is empty
     */
    public synchronized FakeReply next() {
        FakeReply head = queue.pollFirst();
        return head != null ? head : fallback;
    }

    /**
     * Counts the replies not yet used.
     *
     * @return the queue length
     */
    public synchronized int pending() {
        return queue.size();
    }
}
