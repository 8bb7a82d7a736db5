package ai.millrace.harness.codex.internal;

import ai.millrace.api.internal.harness.ArtifactJson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactJsonTest {
    @Test
    void pydanticLayout() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", "x\"y\\z\n\t\u0001é✓");
        m.put("n", 5L);
        m.put("none", null);
        m.put("empty", List.of());
        m.put("list", List.of("p", "q"));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("k", 1);
        m.put("obj", inner);
        m.put("emptyObj", Map.of());
        m.put("flag", true);
        assertEquals("{\n"
                + "  \"a\": \"x\\\"y\\\\z\\n\\t\\u0001é✓\",\n"
                + "  \"n\": 5,\n"
                + "  \"none\": null,\n"
                + "  \"empty\": [],\n"
                + "  \"list\": [\n"
                + "    \"p\",\n"
                + "    \"q\"\n"
                + "  ],\n"
                + "  \"obj\": {\n"
                + "    \"k\": 1\n"
                + "  },\n"
                + "  \"emptyObj\": {},\n"
                + "  \"flag\": true\n"
                + "}\n", ArtifactJson.write(m));
    }

    @Test
    void timestamps() {
        assertEquals("2026-04-15T12:00:00Z", ArtifactJson.timestamp(Instant.parse("2026-04-15T12:00:00Z")));
        assertEquals("2026-04-15T12:00:00Z", ArtifactJson.timestamp(Instant.parse("2026-04-15T12:00:00.000000900Z")));
        assertEquals("2026-04-15T12:00:00.000001Z", ArtifactJson.timestamp(Instant.parse("2026-04-15T12:00:00.000001Z")));
        assertEquals("2026-11-24T02:38:00.515208Z", ArtifactJson.timestamp(Instant.parse("2026-11-24T02:38:00.515208731Z")));
    }
}
