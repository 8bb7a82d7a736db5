package ai.millrace.testkit.fakemodel;

import ai.millrace.testkit.fakemodel.internal.ErrorBodies;
import ai.millrace.testkit.fakemodel.internal.IdSource;
import ai.millrace.testkit.fakemodel.internal.ModelRoutes;
import ai.millrace.testkit.fakemodel.internal.ReplyScript;
import ai.millrace.testkit.fakemodel.internal.RequestLog;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for an OpenAI-compatible model provider, for running the real Codex CLI or
 * Pi coding agent (or any other client) offline in tests.
 *
 * <p>It listens on {@code 127.0.0.1} only, on a free port, and serves:
 * <ul>
 *   <li>{@code POST /v1/responses}: the Responses API (Codex 0.169 needs {@code wire_api =
 *       "responses"}), streamed as server-sent events when the body says {@code stream: true};</li>
 *   <li>{@code POST /v1/chat/completions}: Chat Completions (Pi's {@code openai-completions}),
 *       streamed as {@code data:} chunks ending in {@code data: [DONE]} with a usage chunk;</li>
 *   <li>{@code GET /v1/models}: a one-model list ({@code fake-model});</li>
 *   <li>anything else: 404 with a JSON error.</li>
 * </ul>
 * Each model request (a POST to either API) takes the next {@link FakeReply} from the queue filled
 * by {@link #enqueue}, in order, whichever API it came on; when the queue is empty it gets the
 * {@link #fallback} reply, by default an HTTP 500 whose JSON error says the script ran out. Every
 * request, model or not, is recorded before it is answered.
 *
 * <p>Typical use with Codex ({@code -c model_providers.fake.base_url="<baseUrl>"}) or Pi
 * ({@code "baseUrl": "<baseUrl>"} in {@code models.json}):
 * <pre>{@code
 * try (FakeModelServer server = FakeModelServer.start()) {
 *     server.enqueue(FakeReply.shellCommand("echo hi > hi.txt"))
 *           .enqueue(FakeReply.text("Done.\n\n### BUILDER_COMPLETE").withUsage(100, 20, 10, 0));
 *     // run the harness against server.baseUrl()
 *     List<RecordedRequest> seen = server.awaitRequests(2, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Requests are served on a small pool of daemon threads; a reply that
 * {@linkplain FakeReply#hang() hangs} or waits out a {@linkplain FakeReply#withDelay delay}
 * occupies one of them until it ends or the server closes.
 */
public final class FakeModelServer implements AutoCloseable {
    private static final int POOL_THREADS = 8;
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService pool;
    private final ReplyScript script;
    private final RequestLog log;
    private final CountDownLatch closing;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FakeModelServer(HttpServer server, ExecutorService pool, ReplyScript script, RequestLog log,
            CountDownLatch closing) {
        this.server = server;
        this.pool = pool;
        this.script = script;
        this.log = log;
        this.closing = closing;
    }

    /**
     * Starts a server on {@code 127.0.0.1} and a free port.
     *
     * @return the running server; close it when done
     * @throws UncheckedIOException when no port can be bound
     */
    public static FakeModelServer start() {
        ReplyScript script = new ReplyScript(FakeReply.httpError(500, ErrorBodies.scriptExhausted()));
        RequestLog log = new RequestLog();
        CountDownLatch closing = new CountDownLatch(1);
        HttpServer server;
        try {
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("fake model server: cannot bind 127.0.0.1", e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(POOL_THREADS, daemonThreads());
        server.createContext("/", new ModelRoutes(script, log, new IdSource(), closing));
        server.setExecutor(pool);
        server.start();
        return new FakeModelServer(server, pool, script, log, closing);
    }

    /**
     * Returns the base URL clients append {@code /responses} or {@code /chat/completions} to.
     *
     * @return {@code http://127.0.0.1:<port>/v1}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Appends a reply to the script; it answers the first model request that finds every earlier
     * reply used.
     *
     * @param reply the reply, never null
     * @return this server, for chaining
     */
    public FakeModelServer enqueue(FakeReply reply) {
        script.enqueue(reply);
        return this;
    }

    /**
     * Sets the reply used for every model request that finds the queue empty. The default is an
     * HTTP 500 whose JSON error says the reply script ran out.
     *
     * @param reply the reply, never null
     * @return this server, for chaining
     */
    public FakeModelServer fallback(FakeReply reply) {
        script.fallback(reply);
        return this;
    }

    /**
     * Counts the enqueued replies no request has taken yet.
     *
     * @return the queue length
     */
    public int pendingReplies() {
        return script.pending();
    }

    /**
     * Returns every request received so far, in arrival order.
     *
     * @return an unmodifiable snapshot; later requests do not change it
     */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    /**
     * Waits until at least {@code n} requests have arrived.
     *
     * @param n how many requests to wait for
     * @param timeout the longest wait
     * @return a snapshot of all requests so far (at least {@code n}), in arrival order
     * @throws AssertionError when the timeout passes first (the message lists what arrived), or
     *     when the waiting thread is interrupted (its interrupt flag is set again)
     */
    public List<RecordedRequest> awaitRequests(int n, Duration timeout) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        return log.await(n, timeout);
    }

    /**
     * Stops the server promptly: ends every hanging or delayed reply (their connections are
     * dropped), closes all connections and stops the pool. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FakeModelServer[" + baseUrl() + ", " + log.snapshot().size() + " request(s), "
                + script.pending() + " reply(ies) pending]";
    }

    private static ThreadFactory daemonThreads() {
        int serverNumber = SERVERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "fake-model-" + serverNumber + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
