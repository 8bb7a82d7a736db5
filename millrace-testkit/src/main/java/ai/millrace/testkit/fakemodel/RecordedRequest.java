package ai.millrace.testkit.fakemodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP request the {@link FakeModelServer} received, recorded as it arrived (before the reply
 * was sent).
 *
 * <p>Immutable and thread-safe: {@link #json()} hands out a fresh copy on every call.
 *
 * @param receivedAt when the request was read
 * @param method the HTTP method, such as {@code POST}
 * @param path the request path without the query, such as {@code /v1/responses}
 * @param headers the headers, names lower-cased, values in arrival order; never null
 * @param body the body decoded as UTF-8; empty when there was none
 * @param json the body parsed as JSON; a {@link MissingNode} when the body is empty or not JSON
 */
public record RecordedRequest(
        Instant receivedAt, String method, String path, Map<String, List<String>> headers, String body, JsonNode json) {

    /** The Responses API path. */
    public static final String RESPONSES_PATH = "/v1/responses";
    /** The Chat Completions path. */
    public static final String CHAT_COMPLETIONS_PATH = "/v1/chat/completions";

    /**
     * Copies the headers (lower-casing their names) and the JSON tree.
     *
     * @param receivedAt when the request was read
     * @param method the HTTP method
     * @param path the request path without the query
     * @param headers the headers
     * @param body the body text
     * @param json the parsed body, or null for none
     */
    public RecordedRequest {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        Map<String, List<String>> lower = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> lower.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                    (a, b) -> {
                        List<String> both = new ArrayList<>(a);
                        both.addAll(b);
                        return List.copyOf(both);
                    }));
        }
        headers = Collections.unmodifiableMap(lower);
        json = json == null ? MissingNode.getInstance() : json.deepCopy();
    }

    /**
     * Returns the parsed body as a copy the caller may change.
     *
     * @return the JSON tree; a {@link MissingNode} when the body was empty or not JSON
     */
    @Override
    public JsonNode json() {
        return json.deepCopy();
    }

    /**
     * Returns the first value of a header, ignoring case in the name.
     *
     * @param name the header name, such as {@code Authorization}
     * @return the first value, or null when the header is absent
     */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Tells whether this was a model request ({@code POST} to the Responses or Chat Completions
     * path), the kind that consumes a {@link FakeReply}.
     *
     * @return true for a model request
     */
    public boolean isModelRequest() {
        return "POST".equals(method) && (RESPONSES_PATH.equals(path) || CHAT_COMPLETIONS_PATH.equals(path));
    }

    /**
     * Counts the tool results the harness sent back in this request: Responses API {@code input}
     * items of type {@code function_call_output}, {@code custom_tool_call_output} or
     * {@code local_shell_call_output}, or Chat Completions messages with {@code role: "tool"}.
     *
     * @return the number of tool results, 0 when there are none
     */
    public int toolResultCount() {
        int count = 0;
        for (JsonNode item : json.path("input")) {
            String type = item.path("type").asText("");
            if (type.equals("function_call_output") || type.equals("custom_tool_call_output")
                    || type.equals("local_shell_call_output")) {
                count++;
            }
        }
        for (JsonNode message : json.path("messages")) {
            if ("tool".equals(message.path("role").asText(""))) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + body.length() + " chars)";
    }
}
