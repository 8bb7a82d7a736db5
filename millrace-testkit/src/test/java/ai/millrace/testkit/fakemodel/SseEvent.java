package ai.millrace.testkit.fakemodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** One parsed server-sent event: its optional name and its data text. */
record SseEvent(String name, String data) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Parses a complete SSE text into events; fails on anything but event, data and blank lines. */
    static List<SseEvent> parse(String text) {
        List<SseEvent> events = new ArrayList<>();
        String name = null;
        String data = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("event: ")) {
                name = line.substring("event: ".length());
            } else if (line.startsWith("data: ")) {
                data = line.substring("data: ".length());
            } else if (line.isEmpty()) {
                if (data != null) {
                    events.add(new SseEvent(name, data));
                }
                name = null;
                data = null;
            } else {
                throw new AssertionError("unexpected SSE line: " + line);
            }
        }
        return events;
    }

    JsonNode json() {
        try {
            return MAPPER.readTree(data);
        } catch (Exception e) {
            throw new AssertionError("event data is not JSON: " + data, e);
        }
    }
}
