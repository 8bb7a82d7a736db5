package ai.millrace.harness.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiAgentHomeTest {
    @TempDir
    Path workspace;

    @Test
    void foldersAndVariablesLiveUnderTheWorkspace() {
        PiAgentHome home = PiAgentHome.forWorkspace(workspace);
        Path root = workspace.toAbsolutePath().resolve("millrace-agents/runners/pi");
        assertEquals(Map.of("HOME", root.resolve("home").toString(), "PI_CODING_AGENT_DIR",
                root.resolve("agent").toString(), "PI_OFFLINE", "1"), home.environment());
        assertEquals(root.resolve("agent/models.json"), home.modelsFile());
    }

    @Test
    void writesAnOpenAiCompatibleProviderAndKeepsOthers() throws IOException {
        PiAgentHome home = PiAgentHome.forWorkspace(workspace);
        home.writeOpenAiCompletionsProvider("fake", "http://127.0.0.1:1/v1", "dummy-key", List.of("fake-model"));
        home.writeOpenAiCompletionsProvider("other", "http://127.0.0.1:2/v1", "OTHER_KEY", List.of("m1", "m2"));
        home.writeOpenAiCompletionsProvider("fake", "http://127.0.0.1:3/v1", "dummy-key", List.of("fake-model"));

        JsonNode providers = new ObjectMapper().readTree(home.modelsFile().toFile()).get("providers");
        assertEquals(2, providers.size());
        JsonNode fake = providers.get("fake");
        assertEquals("http://127.0.0.1:3/v1", fake.get("baseUrl").asText());
        assertEquals("openai-completions", fake.get("api").asText());
        assertEquals("dummy-key", fake.get("apiKey").asText());
        assertEquals(false, fake.get("compat").get("supportsDeveloperRole").asBoolean(true));
        assertEquals(false, fake.get("compat").get("supportsReasoningEffort").asBoolean(true));
        assertEquals(false, fake.get("compat").get("supportsStore").asBoolean(true));
        assertEquals("fake-model", fake.get("models").get(0).get("id").asText());
        assertEquals(2, providers.get("other").get("models").size());
        assertThrows(IllegalArgumentException.class,
                () -> home.writeOpenAiCompletionsProvider("x", "http://h/v1", "k", List.of()));
    }
}
