package ai.millrace.testkit.fakemodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FakeModelServerTest {
    private static final String RESPONSES = "/responses";
    private static final String CHAT = "/chat/completions";

    private FakeModelServer server;
    private ModelClient client;

    @BeforeEach
    void start() {
        server = FakeModelServer.start();
        client = new ModelClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void baseUrlIsLoopbackWithTheBoundPort() {
        URI uri = URI.create(server.baseUrl());
        assertEquals("http", uri.getScheme());
        assertEquals("127.0.0.1", uri.getHost());
        assertEquals(server.port(), uri.getPort());
        assertEquals("/v1", uri.getPath());
        assertTrue(server.port() > 0);
    }

    @Test
    void doesNotListenOnOtherInterfaces() throws Exception {
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
        Assumptions.assumeTrue(external.isPresent(), "no non-loopback IPv4 address on this machine");
        try (Socket socket = new Socket()) {
            assertThrows(IOException.class,
                    () -> socket.connect(new InetSocketAddress(external.get(), server.port()), 2000));
        }
    }

    @Test
    void textReplyOnTheResponsesApiCarriesTextAndUsage() throws Exception {
        server.enqueue(FakeReply.text("All done.\n\n### BUILDER_COMPLETE").withUsage(120, 100, 30, 7));

        List<SseEvent> events = SseEvent.parse(client.post(RESPONSES, ModelClient.STREAM_BODY).body());

        SseEvent last = events.get(events.size() - 1);
        assertEquals("response.completed", last.name());
        JsonNode response = last.json().path("response");
        assertEquals("All done.\n\n### BUILDER_COMPLETE",
                response.path("output").path(0).path("content").path(0).path("text").asText());
        JsonNode usage = response.path("usage");
        assertEquals(120, usage.path("input_tokens").asLong());
        assertEquals(100, usage.path("input_tokens_details").path("cached_tokens").asLong());
        assertEquals(30, usage.path("output_tokens").asLong());
        assertEquals(7, usage.path("output_tokens_details").path("reasoning_tokens").asLong());
        assertEquals(150, usage.path("total_tokens").asLong());
        assertEquals("fake-model", response.path("model").asText());
        StringBuilder deltas = new StringBuilder();
        for (SseEvent e : events) {
            assertEquals(e.name(), e.json().path("type").asText(), "the data repeats the event type");
            if ("response.output_text.delta".equals(e.name())) {
                deltas.append(e.json().path("delta").asText());
            }
        }
        assertEquals("All done.\n\n### BUILDER_COMPLETE", deltas.toString());
    }

    @Test
    void textReplyOnChatCompletionsCarriesTextUsageAndDone() throws Exception {
        server.enqueue(FakeReply.text("Ok.\n### BLOCKED").withUsage(50, 20, 9, 4));

        List<SseEvent> events = SseEvent.parse(client.post(CHAT, ModelClient.STREAM_BODY).body());

        assertEquals("[DONE]", events.get(events.size() - 1).data());
        StringBuilder content = new StringBuilder();
        String finish = null;
        JsonNode usage = null;
        for (SseEvent e : events.subList(0, events.size() - 1)) {
            assertNull(e.name(), "chat chunks have no event line");
            JsonNode chunk = e.json();
            assertEquals("chat.completion.chunk", chunk.path("object").asText());
            for (JsonNode choice : chunk.path("choices")) {
                content.append(choice.path("delta").path("content").asText(""));
                if (!choice.path("finish_reason").isNull()) {
                    finish = choice.path("finish_reason").asText();
                }
            }
            if (chunk.has("usage")) {
                usage = chunk.path("usage");
            }
        }
        assertEquals("Ok.\n### BLOCKED", content.toString());
        assertEquals("stop", finish);
        assertEquals(50, usage.path("prompt_tokens").asLong());
        assertEquals(9, usage.path("completion_tokens").asLong());
        assertEquals(59, usage.path("total_tokens").asLong());
        assertEquals(20, usage.path("prompt_tokens_details").path("cached_tokens").asLong());
        assertEquals(4, usage.path("completion_tokens_details").path("reasoning_tokens").asLong());
    }

    @Test
    void toolCallRendersAsAFunctionCallItemOnResponses() throws Exception {
        server.enqueue(FakeReply.toolCall("exec_command", "{\"cmd\":\"touch x\"}"));

        List<SseEvent> events = SseEvent.parse(client.post(RESPONSES, ModelClient.STREAM_BODY).body());

        JsonNode item = find(events, "response.output_item.done").path("item");
        assertEquals("function_call", item.path("type").asText());
        assertEquals("exec_command", item.path("name").asText());
        assertEquals("{\"cmd\":\"touch x\"}", item.path("arguments").asText());
        assertEquals("completed", item.path("status").asText());
        assertTrue(item.path("call_id").asText().startsWith("call_"));
        assertTrue(item.path("id").asText().startsWith("fc_"));
        JsonNode output = find(events, "response.completed").path("response").path("output");
        assertEquals(item, output.path(0), "the completed response repeats the item");
    }

    @Test
    void toolCallRendersAsToolCallsDeltaOnChat() throws Exception {
        server.enqueue(FakeReply.toolCall("bash", "{\"command\":\"touch x\"}"));

        List<SseEvent> events = SseEvent.parse(client.post(CHAT, ModelClient.STREAM_BODY).body());

        JsonNode first = events.get(0).json().path("choices").path(0);
        JsonNode call = first.path("delta").path("tool_calls").path(0);
        assertEquals(0, call.path("index").asInt());
        assertEquals("function", call.path("type").asText());
        assertEquals("bash", call.path("function").path("name").asText());
        assertEquals("{\"command\":\"touch x\"}", call.path("function").path("arguments").asText());
        assertEquals("tool_calls", events.get(1).json().path("choices").path(0).path("finish_reason").asText());
        assertEquals("[DONE]", events.get(events.size() - 1).data());
    }

    @Test
    void shellCommandFollowsTheToolsTheRequestOffers() throws Exception {
        String codexTools = "{\"stream\":true,\"tools\":[{\"type\":\"function\",\"name\":\"write_stdin\"},"
                + "{\"type\":\"function\",\"name\":\"exec_command\"}]}";
        String piTools = "{\"stream\":true,\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"read\"}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"bash\"}}]}";
        String piOnResponses = "{\"stream\":true,\"tools\":[{\"type\":\"function\",\"name\":\"bash\"}]}";
        String legacyCodex = "{\"stream\":true,\"tools\":[{\"type\":\"function\",\"name\":\"shell\"}]}";
        for (int i = 0; i < 6; i++) {
            server.enqueue(FakeReply.shellCommand("echo hi"));
        }

        JsonNode codex = find(SseEvent.parse(client.post(RESPONSES, codexTools).body()), "response.output_item.done");
        JsonNode pi = SseEvent.parse(client.post(CHAT, piTools).body()).get(0).json()
                .path("choices").path(0).path("delta").path("tool_calls").path(0).path("function");
        JsonNode piResponses = find(SseEvent.parse(client.post(RESPONSES, piOnResponses).body()), "response.output_item.done");
        JsonNode legacy = find(SseEvent.parse(client.post(RESPONSES, legacyCodex).body()), "response.output_item.done");
        JsonNode noToolsResponses = find(SseEvent.parse(client.post(RESPONSES, ModelClient.STREAM_BODY).body()),
                "response.output_item.done");
        JsonNode noToolsChat = SseEvent.parse(client.post(CHAT, ModelClient.STREAM_BODY).body()).get(0).json()
                .path("choices").path(0).path("delta").path("tool_calls").path(0).path("function");

        assertEquals("exec_command", codex.path("item").path("name").asText());
        assertEquals("{\"cmd\":\"echo hi\"}", codex.path("item").path("arguments").asText());
        assertEquals("bash", pi.path("name").asText());
        assertEquals("{\"command\":\"echo hi\"}", pi.path("arguments").asText());
        assertEquals("bash", piResponses.path("item").path("name").asText());
        assertEquals("shell", legacy.path("item").path("name").asText());
        assertEquals("{\"command\":[\"bash\",\"-lc\",\"echo hi\"]}", legacy.path("item").path("arguments").asText());
        assertEquals("exec_command", noToolsResponses.path("item").path("name").asText());
        assertEquals("bash", noToolsChat.path("name").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {RESPONSES, CHAT})
    void httpErrorAnswersWithTheStatusAndBody(String endpoint) throws Exception {
        server.enqueue(FakeReply.httpError(429, "{\"error\":{\"message\":\"slow down\"}}"));

        HttpResponse<String> response = client.post(endpoint, ModelClient.STREAM_BODY);

        assertEquals(429, response.statusCode());
        assertEquals("{\"error\":{\"message\":\"slow down\"}}", response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {RESPONSES, CHAT})
    void streamFailureSendsPartOfTheStreamThenCutsTheConnection(String endpoint) throws Exception {
        server.enqueue(FakeReply.streamFailure());

        String raw = rawExchange("/v1" + endpoint, ModelClient.STREAM_BODY);

        assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
        assertTrue(raw.toLowerCase().contains("transfer-encoding: chunked"), raw);
        assertTrue(raw.contains("data: {"), "part of the stream arrived: " + raw);
        assertTrue(raw.contains(FakeReply.PARTIAL_TEXT.substring(0, 8)), "a partial delta arrived: " + raw);
        assertFalse(raw.contains("[DONE]") || raw.contains("response.completed"), raw);
        assertFalse(raw.endsWith("0\r\n\r\n"), "the chunked body must not be ended properly: " + raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {RESPONSES, CHAT})
    void streamFailureIsATransportErrorForAnHttpClient(String endpoint) throws Exception {
        server.enqueue(FakeReply.streamFailure());

        HttpResponse<InputStream> response = client.postStreaming(endpoint, ModelClient.STREAM_BODY);

        assertEquals(200, response.statusCode());
        try (InputStream body = response.body()) {
            assertThrows(IOException.class, body::readAllBytes, "the body must end in an error, not a clean end");
        }
    }

    @Test
    void normalStreamsEndTheChunkedBodyProperly() throws Exception {
        server.enqueue(FakeReply.text("fine"));

        String raw = rawExchange("/v1/chat/completions", ModelClient.STREAM_BODY);

        assertTrue(raw.endsWith("data: [DONE]\n\n\r\n0\r\n\r\n"), "a complete chunked body: " + raw);
    }

    @Test
    void streamErrorReportsAFailedResponseOnResponses() throws Exception {
        server.enqueue(FakeReply.streamError("boom"));

        List<SseEvent> events = SseEvent.parse(client.post(RESPONSES, ModelClient.STREAM_BODY).body());

        SseEvent last = events.get(events.size() - 1);
        assertEquals("response.failed", last.name());
        assertEquals("failed", last.json().path("response").path("status").asText());
        assertEquals("boom", last.json().path("response").path("error").path("message").asText());
    }

    @Test
    void streamErrorSendsAnErrorChunkOnChat() throws Exception {
        server.enqueue(FakeReply.streamError("boom"));

        List<SseEvent> events = SseEvent.parse(client.post(CHAT, ModelClient.STREAM_BODY).body());

        assertEquals("boom", events.get(events.size() - 1).json().path("error").path("message").asText());
        assertTrue(events.stream().noneMatch(e -> e.data().equals("[DONE]")));
    }

    @Test
    void repliesAreConsumedInOrderAcrossBothApis() throws Exception {
        server.enqueue(FakeReply.text("first"))
                .enqueue(FakeReply.toolCall("exec_command", "{\"cmd\":\"ls\"}"))
                .enqueue(FakeReply.text("third"));
        assertEquals(3, server.pendingReplies());

        String first = chatText(client.post(CHAT, ModelClient.STREAM_BODY).body());
        JsonNode second = find(SseEvent.parse(client.post(RESPONSES, ModelClient.STREAM_BODY).body()),
                "response.output_item.done");
        String third = chatText(client.post(CHAT, ModelClient.STREAM_BODY).body());

        assertEquals("first", first);
        assertEquals("exec_command", second.path("item").path("name").asText());
        assertEquals("third", third);
        assertEquals(0, server.pendingReplies());
    }

    @Test
    void defaultFallbackIsAJson500SayingTheScriptRanOut() throws Exception {
        server.enqueue(FakeReply.text("only one"));
        client.post(RESPONSES, ModelClient.STREAM_BODY);

        HttpResponse<String> response = client.post(RESPONSES, ModelClient.STREAM_BODY);

        assertEquals(500, response.statusCode());
        JsonNode error = new SseEvent(null, response.body()).json().path("error");
        assertTrue(error.path("message").asText().contains("ran out"), response.body());
    }

    @Test
    void customFallbackAnswersEveryRequestAfterTheQueue() throws Exception {
        server.enqueue(FakeReply.text("queued")).fallback(FakeReply.text("again"));

        assertEquals("queued", chatText(client.post(CHAT, ModelClient.STREAM_BODY).body()));
        assertEquals("again", chatText(client.post(CHAT, ModelClient.STREAM_BODY).body()));
        assertEquals("again", chatText(client.post(CHAT, ModelClient.STREAM_BODY).body()));
    }

    @Test
    void nonStreamingChatGetsOneCompletionObject() throws Exception {
        server.enqueue(FakeReply.text("whole").withUsage(3, 0, 2, 0));

        HttpResponse<String> response = client.post(CHAT, "{\"model\":\"m1\",\"stream\":false}");

        JsonNode completion = new SseEvent(null, response.body()).json();
        assertEquals("chat.completion", completion.path("object").asText());
        assertEquals("m1", completion.path("model").asText());
        assertEquals("whole", completion.path("choices").path(0).path("message").path("content").asText());
        assertEquals(5, completion.path("usage").path("total_tokens").asLong());
    }

    @Test
    void nonStreamingResponsesGetsTheCompletedResponseObject() throws Exception {
        server.enqueue(FakeReply.toolCall("exec_command", "{}"));

        HttpResponse<String> response = client.post(RESPONSES, "{\"model\":\"m2\"}");

        JsonNode body = new SseEvent(null, response.body()).json();
        assertEquals("completed", body.path("status").asText());
        assertEquals("exec_command", body.path("output").path(0).path("name").asText());
    }

    @Test
    void recordsMethodPathHeadersBodyAndJson() throws Exception {
        server.enqueue(FakeReply.text("x"));
        String body = "{\"model\":\"fake-model\",\"stream\":true,\"input\":[{\"type\":\"function_call_output\"}]}";
        client.post(RESPONSES, body);
        client.get("/models");

        List<RecordedRequest> requests = server.requests();

        assertEquals(2, requests.size());
        RecordedRequest model = requests.get(0);
        assertEquals("POST", model.method());
        assertEquals("/v1/responses", model.path());
        assertEquals(body, model.body());
        assertEquals("fake-model", model.json().path("model").asText());
        assertEquals("probe", model.header("x-test-header"));
        assertEquals("probe", model.header("X-TEST-HEADER"));
        assertEquals(List.of("probe"), model.headers().get("x-test-header"));
        assertTrue(model.isModelRequest());
        assertEquals(1, model.toolResultCount());
        RecordedRequest probe = requests.get(1);
        assertEquals("GET", probe.method());
        assertFalse(probe.isModelRequest());
        assertTrue(probe.json().isMissingNode());
    }

    @Test
    void recordedSnapshotsAndJsonAreIsolatedCopies() throws Exception {
        server.enqueue(FakeReply.text("x"));
        client.post(CHAT, ModelClient.STREAM_BODY);
        List<RecordedRequest> before = server.requests();

        ((com.fasterxml.jackson.databind.node.ObjectNode) before.get(0).json()).put("model", "changed");
        client.get("/models");

        assertEquals(1, before.size(), "a snapshot does not grow");
        assertEquals("fake-model", before.get(0).json().path("model").asText(), "json() hands out copies");
        assertThrows(UnsupportedOperationException.class, () -> before.add(before.get(0)));
    }

    @Test
    void awaitRequestsReturnsOnceEnoughHaveArrived() throws Exception {
        server.enqueue(FakeReply.text("a")).enqueue(FakeReply.text("b"));
        CompletableFuture<HttpResponse<String>> one = client.postAsync(CHAT, ModelClient.STREAM_BODY);
        CompletableFuture<HttpResponse<String>> two = client.postAsync(RESPONSES, ModelClient.STREAM_BODY);

        List<RecordedRequest> requests = server.awaitRequests(2, Duration.ofSeconds(10));

        assertEquals(2, requests.size());
        one.get(10, TimeUnit.SECONDS);
        two.get(10, TimeUnit.SECONDS);
    }

    @Test
    void awaitRequestsFailsWithWhatArrived() throws Exception {
        client.get("/models");

        AssertionError error = assertThrows(AssertionError.class,
                () -> server.awaitRequests(2, Duration.ofMillis(200)));

        assertTrue(error.getMessage().contains("received 1"), error.getMessage());
        assertTrue(error.getMessage().contains("GET /v1/models"), error.getMessage());
    }

    @Test
    void modelsEndpointListsTheFakeModel() throws Exception {
        HttpResponse<String> response = client.get("/models");

        assertEquals(200, response.statusCode());
        JsonNode list = new SseEvent(null, response.body()).json();
        assertEquals("list", list.path("object").asText());
        assertEquals("fake-model", list.path("data").path(0).path("id").asText());
    }

    @Test
    void unknownRoutesGetAJson404AndConsumeNoReply() throws Exception {
        server.enqueue(FakeReply.text("kept"));

        HttpResponse<String> post = client.post("/embeddings", "{}");
        HttpResponse<String> get = client.get("/responses");

        assertEquals(404, post.statusCode());
        assertEquals(404, get.statusCode());
        assertTrue(new SseEvent(null, post.body()).json().path("error").path("message").asText()
                .contains("POST /v1/embeddings"));
        assertEquals(1, server.pendingReplies());
    }

    @Test
    void delayHoldsBackTheFirstByte() throws Exception {
        Duration delay = Duration.ofMillis(400);
        server.enqueue(FakeReply.text("late").withDelay(delay));

        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.postStreaming(CHAT, ModelClient.STREAM_BODY);
        long headersAfter = System.nanoTime() - start;

        assertTrue(headersAfter >= delay.toNanos(), "headers came after " + Duration.ofNanos(headersAfter));
        try (InputStream body = response.body()) {
            assertEquals("late", chatText(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    @Test
    void hangSendsNothingAndCloseDropsItPromptly() throws Exception {
        server.enqueue(FakeReply.text("never").hang());
        CompletableFuture<HttpResponse<String>> pending = client.postAsync(RESPONSES, ModelClient.STREAM_BODY);
        server.awaitRequests(1, Duration.ofSeconds(10));
        assertFalse(pending.isDone(), "a hanging reply sends nothing");

        long start = System.nanoTime();
        server.close();
        Duration closeTook = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(closeTook.compareTo(Duration.ofSeconds(3)) < 0, "close took " + closeTook);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, failed.getCause());
    }

    @Test
    void closeEndsALongDelayToo() throws Exception {
        server.enqueue(FakeReply.text("never").withDelay(Duration.ofMinutes(5)));
        CompletableFuture<HttpResponse<String>> pending = client.postAsync(CHAT, ModelClient.STREAM_BODY);
        server.awaitRequests(1, Duration.ofSeconds(10));

        server.close();

        assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
    }

    @Test
    void closeIsIdempotent() {
        server.close();
        server.close();
    }

    /** Sends one request over a plain socket and returns every byte until the server closes. */
    private String rawExchange(String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode find(List<SseEvent> events, String name) {
        return events.stream().filter(e -> name.equals(e.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " event in " + events)).json();
    }

    private static String chatText(String sse) {
        StringBuilder text = new StringBuilder();
        for (SseEvent e : SseEvent.parse(sse)) {
            if (!e.data().equals("[DONE]")) {
                for (JsonNode choice : e.json().path("choices")) {
                    text.append(choice.path("delta").path("content").asText(""));
                }
            }
        }
        return text.toString();
    }
}
