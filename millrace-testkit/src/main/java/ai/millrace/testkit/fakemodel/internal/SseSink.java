package ai.millrace.testkit.fakemodel.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes server-sent events to a response body, flushing after each one so the client sees it at
 * once. Not thread-safe: one sink per exchange.
 */
public final class SseSink {
    private final OutputStream out;

    /**
     * Wraps a response body.
     *
     * @param out the chunked response body, never null
     */
    public SseSink(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes a named event, as the Responses API does: {@code event: <name>}, {@code data: <json>}
     * and a blank line.
     *
     * @param name the event type
     * @param data the payload, written as one line of compact JSON
     * @throws IOException when the client has gone away
     */
    public void event(String name, JsonNode data) throws IOException {
        write("event: " + name + "\ndata: " + Json.write(data) + "\n\n");
    }

    /**
     * Writes an unnamed event, as Chat Completions does: {@code data: <payload>} and a blank line.
     *
     * @param payload the payload text, such as a JSON chunk or {@code [DONE]}
     * @throws IOException when the client has gone away
     */
    public void data(String payload) throws IOException {
        write("data: " + payload + "\n\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
