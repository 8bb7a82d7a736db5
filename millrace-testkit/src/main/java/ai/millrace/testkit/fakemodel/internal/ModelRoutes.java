package ai.millrace.testkit.fakemodel.internal;

import ai.millrace.testkit.fakemodel.FakeReply;
import ai.millrace.testkit.fakemodel.RecordedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The fake model server's one HTTP handler: records every request, answers model requests from
 * the {@link ReplyScript}, lists one model on {@code GET /v1/models} and answers anything else
 * with a JSON 404. Thread-safe; runs on the server's pool.
 */
public final class ModelRoutes implements HttpHandler {
    /** The model listed on {@code GET /v1/models} and echoed when a request names none. */
    public static final String DEFAULT_MODEL = "fake-model";
    /** How long a scripted stream failure waits after its partial events before dropping the connection. */
    public static final Duration CUT_PAUSE = Duration.ofMillis(150);

    private final ReplyScript script;
    private final RequestLog log;
    private final IdSource ids;
    private final CountDownLatch closing;

    /**
     * Wires the handler.
     *
     * @param script where replies come from
     * @param log where requests are recorded
     * @param ids the id source for rendered replies
     * @param closing counted down when the server closes; ends hangs and delays
     */
    public ModelRoutes(ReplyScript script, RequestLog log, IdSource ids, CountDownLatch closing) {
        this.script = script;
        this.log = log;
        this.ids = ids;
        this.closing = closing;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        boolean cut = false;
        try {
            RecordedRequest request = record(exchange);
            log.add(request);
            if (request.isModelRequest()) {
                answerModel(exchange, request);
            } else if ("GET".equals(request.method()) && "/v1/models".equals(request.path())) {
                sendJson(exchange, 200, ErrorBodies.modelList(DEFAULT_MODEL));
            } else {
                sendJson(exchange, 404, ErrorBodies.notFound(request.method(), request.path()));
            }
        } catch (StreamCut e) {
            cut = true;
            throw e;
        } finally {
            if (!cut) {
                exchange.close();
            }
        }
    }

    private RecordedRequest record(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String body = new String(bytes, StandardCharsets.UTF_8);
        return new RecordedRequest(Instant.now(), exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), body, Json.parseOrNull(body));
    }

    private void answerModel(HttpExchange exchange, RecordedRequest request) throws IOException {
        FakeReply reply = script.next();
        if (reply.hangs()) {
            awaitClosing(null);
            throw new StreamCut("server closed while the reply hung");
        }
        if (!reply.delay().isZero() && awaitClosing(reply.delay())) {
            throw new StreamCut("server closed during the reply's delay");
        }
        if (reply.kind() == FakeReply.Kind.HTTP_ERROR) {
            send(exchange, reply.httpStatus(), "application/json", reply.text());
            return;
        }
        JsonNode body = request.json();
        Api api = RecordedRequest.RESPONSES_PATH.equals(request.path()) ? Api.RESPONSES : Api.CHAT_COMPLETIONS;
        ReplyContext context = new ReplyContext(api, body.path("model").asText(DEFAULT_MODEL),
                Instant.now().getEpochSecond(), ids, body);
        if (body.path("stream").asBoolean(false)) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            SseSink sink = new SseSink(exchange.getResponseBody());
            try {
                if (api == Api.RESPONSES) {
                    new ResponsesRenderer(reply, context).stream(sink);
                } else {
                    new ChatRenderer(reply, context).stream(sink);
                }
            } catch (StreamCut cut) {
                // Let the client take in the partial events before the connection goes, as after
                // a real mid-stream failure; some clients drop buffered data on an abrupt close.
                awaitClosing(CUT_PAUSE);
                throw cut;
            }
            return;
        }
        answerWhole(exchange, reply, api, context);
    }

    private void answerWhole(HttpExchange exchange, FakeReply reply, Api api, ReplyContext context) throws IOException {
        switch (reply.kind()) {
            case STREAM_FAILURE:
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 4096);
                OutputStream out = exchange.getResponseBody();
                out.write("{\"id\":".getBytes(StandardCharsets.UTF_8));
                out.flush();
                throw new StreamCut("scripted failure of a whole response");
            case STREAM_ERROR:
                sendJson(exchange, 500, ErrorBodies.serverError(reply.text()));
                return;
            default:
                ObjectNode whole = api == Api.RESPONSES
                        ? new ResponsesRenderer(reply, context).completeResponse()
                        : new ChatRenderer(reply, context).completion();
                sendJson(exchange, 200, whole);
        }
    }

    /** Returns true when the server is closing; waits forever when {@code limit} is null. */
    private boolean awaitClosing(Duration limit) throws StreamCut {
        try {
            if (limit == null) {
                closing.await();
                return true;
            }
            return closing.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamCut("server pool interrupted");
        }
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", Json.write(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
