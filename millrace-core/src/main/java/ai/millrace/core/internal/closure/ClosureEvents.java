package ai.millrace.core.internal.closure;

import ai.millrace.api.state.RuntimeEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds runtime events from alternating key/value pairs. */
final class ClosureEvents {
    private ClosureEvents() {
    }

    static RuntimeEvent of(String type, Instant at, Object... data) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < data.length; i += 2) {
            map.put((String) data[i], data[i + 1]);
        }
        return new RuntimeEvent(type, at, map);
    }
}
