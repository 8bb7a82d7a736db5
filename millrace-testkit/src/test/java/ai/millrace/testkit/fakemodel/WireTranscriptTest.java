package ai.millrace.testkit.fakemodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares what the server streams with the transcripts the real Codex 0.169.0 and Pi 0.73.1
 * accepted (src/test/resources/harness-protocol, copied from the harness spec): same lines, same
 * event names, same JSON shapes and key order, same values apart from ids and timestamps.
 */
class WireTranscriptTest {
    /** Fields whose values are generated per run and may differ from the transcript. */
    private static final Set<String> VOLATILE = Set.of("id", "item_id", "call_id", "created_at", "created");

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

    static Stream<Arguments> transcripts() {
        return Stream.of(
                Arguments.of("responses_text.sse", "/responses",
                        FakeReply.text("Fake model finished the stage.\n\n### BUILDER_COMPLETE").withUsage(34, 0, 13, 0)),
                Arguments.of("responses_toolcall.sse", "/responses",
                        FakeReply.toolCall("exec_command", "{\"cmd\": \"ls\"}").withUsage(25, 0, 3, 0)),
                Arguments.of("chat_text.sse", "/chat/completions",
                        FakeReply.text("Hello from the fake model.").withUsage(9, 0, 6, 0)),
                Arguments.of("chat_toolcall.sse", "/chat/completions",
                        FakeReply.toolCall("bash", "{\"command\": \"ls\"}").withUsage(12, 0, 4, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void streamMatchesTheRecordedTranscript(String transcript, String endpoint, FakeReply reply) throws Exception {
        String expected = resource(transcript);
        server.enqueue(reply);

        HttpResponse<String> response = client.post(endpoint, ModelClient.STREAM_BODY);

        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("content-type").orElse(""));
        String actual = response.body();
        List<String> expectedLines = lines(expected);
        List<String> actualLines = lines(actual);
        assertEquals(expectedLines.size(), actualLines.size(), "line count\n--- actual ---\n" + actual);
        for (int i = 0; i < expectedLines.size(); i++) {
            String want = expectedLines.get(i);
            String got = actualLines.get(i);
            if (want.startsWith("data: {")) {
                assertTrue(got.startsWith("data: {"), "line " + i + ": " + got);
                JsonNode wantJson = normalized(new SseEvent(null, want.substring(6)).json());
                JsonNode gotJson = normalized(new SseEvent(null, got.substring(6)).json());
                // toString keeps key order, so this checks names, values, nesting and order.
                assertEquals(wantJson.toString(), gotJson.toString(), "line " + i);
            } else {
                // event lines, blank separators and "data: [DONE]" are byte-identical.
                assertEquals(want, got, "line " + i);
            }
        }
        assertTrue(actual.endsWith("\n\n"), "the stream ends with a blank line");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void generatedIdsAreConsistentWithinOneStream(String transcript, String endpoint, FakeReply reply) throws Exception {
        server.enqueue(reply);
        List<SseEvent> events = SseEvent.parse(client.post(endpoint, ModelClient.STREAM_BODY).body());
        List<String> responseIds = new ArrayList<>();
        for (SseEvent event : events) {
            if (event.data().equals("[DONE]")) {
                continue;
            }
            JsonNode json = event.json();
            if (json.has("response")) {
                responseIds.add(json.path("response").path("id").asText());
            } else if (json.has("object")) {
                responseIds.add(json.path("id").asText());
            }
        }
        assertTrue(responseIds.size() >= 2, "events carry the response id: " + responseIds);
        assertEquals(1, responseIds.stream().distinct().count(), "one id per response: " + responseIds);
    }

    private static JsonNode normalized(JsonNode node) {
        JsonNode copy = node.deepCopy();
        scrub(copy);
        return copy;
    }

    private static void scrub(JsonNode node) {
        if (node instanceof ObjectNode) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (VOLATILE.contains(name)) {
                    object.put(name, "<volatile>");
                } else {
                    scrub(object.get(name));
                }
            }
        } else if (node.isArray()) {
            node.forEach(WireTranscriptTest::scrub);
        }
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = WireTranscriptTest.class.getResourceAsStream("/harness-protocol/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
