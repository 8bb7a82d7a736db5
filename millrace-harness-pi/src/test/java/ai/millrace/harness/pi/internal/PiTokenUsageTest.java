package ai.millrace.harness.pi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.millrace.api.run.TokenUsage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PiTokenUsageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TokenUsage parse(String data) throws Exception {
        return PiTokenUsage.fromSessionStats(JSON.readTree(data));
    }

    @Test
    void cacheReadsBecomePartOfTheInputAndTheTotalIsInputPlusOutput() throws Exception {
        // What Pi 0.73.1 showed for 616 prompt tokens, all of them cached, and 6 output tokens.
        assertEquals(new TokenUsage(616, 616, 6, 0, 622),
                parse("{\"tokens\":{\"input\":0,\"output\":6,\"cacheRead\":616,\"cacheWrite\":0,\"total\":622}}"));
        assertEquals(new TokenUsage(645, 0, 13, 0, 658),
                parse("{\"tokens\":{\"input\":632,\"output\":13,\"cacheRead\":0,\"cacheWrite\":13,\"total\":658}}"));
    }

    @Test
    void oddValuesCountAsZeroAndFractionsAreTruncated() throws Exception {
        assertEquals(new TokenUsage(12, 0, 0, 0, 12),
                parse("{\"tokens\":{\"input\":12.9,\"output\":-4,\"cacheRead\":true,\"cacheWrite\":\"7\"}}"));
        assertEquals(TokenUsage.ZERO, parse("{\"tokens\":{}}"));
    }

    @Test
    void missingTokensMeanNoUsage() throws Exception {
        assertNull(parse("{\"sessionId\":\"x\"}"));
        assertNull(parse("{\"tokens\":[1,2]}"));
        assertNull(PiTokenUsage.fromSessionStats((JsonNode) null));
        assertNull(parse("\"text\""));
    }
}
