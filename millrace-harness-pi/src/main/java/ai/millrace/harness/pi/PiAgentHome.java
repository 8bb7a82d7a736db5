package ai.millrace.harness.pi;

import ai.millrace.api.internal.harness.AtomicWrite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The private folders Pi runs in for one workspace, so it never reads or writes the user's
 * {@code ~/.pi}: {@code <root>/home} becomes {@code HOME}, {@code <root>/agent} becomes
 * {@code PI_CODING_AGENT_DIR} (where Pi looks for {@code models.json}, {@code settings.json} and
 * {@code auth.json}), and {@code PI_OFFLINE=1} turns off Pi's start-up update check and telemetry.
 * The default root is {@code <workspace>/millrace-agents/runners/pi}. Entries in
 * {@code [runners.pi].env} override these variables.
 *
 * <p>Immutable; the file-writing methods are not synchronized, so callers writing the same
 * {@code models.json} concurrently must coordinate.
 */
public final class PiAgentHome {
    /** Where the folders live, relative to the workspace root. */
    public static final String WORKSPACE_RELATIVE_ROOT = "millrace-agents/runners/pi";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path root;

    private PiAgentHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Returns the default folders of a workspace.
     *
     * @param workspaceRoot the workspace root, never null
     * @return the folders under {@code <workspace>/millrace-agents/runners/pi}
     */
    public static PiAgentHome forWorkspace(Path workspaceRoot) {
        return new PiAgentHome(Objects.requireNonNull(workspaceRoot, "workspaceRoot").resolve(WORKSPACE_RELATIVE_ROOT));
    }

    /**
     * Returns folders under an explicit root.
     *
     * @param root the root folder, never null
     * @return the folders
     */
    public static PiAgentHome at(Path root) {
        return new PiAgentHome(Objects.requireNonNull(root, "root"));
    }

    /**
     * Returns the root folder.
     *
     * @return the absolute root
     */
    public Path root() {
        return root;
    }

    /**
     * Returns the folder used as {@code HOME}.
     *
     * @return {@code <root>/home}
     */
    public Path homeDirectory() {
        return root.resolve("home");
    }

    /**
     * Returns the folder used as {@code PI_CODING_AGENT_DIR}.
     *
     * @return {@code <root>/agent}
     */
    public Path agentDirectory() {
        return root.resolve("agent");
    }

    /**
     * Returns Pi's model registry file.
     *
     * @return {@code <root>/agent/models.json}
     */
    public Path modelsFile() {
        return agentDirectory().resolve("models.json");
    }

    /**
     * Returns the variables that point Pi at these folders.
     *
     * @return {@code HOME}, {@code PI_CODING_AGENT_DIR} and {@code PI_OFFLINE}, in that order
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", homeDirectory().toString());
        env.put("PI_CODING_AGENT_DIR", agentDirectory().toString());
        env.put("PI_OFFLINE", "1");
        return env;
    }

    /**
     * Creates the home and agent folders when missing.
     *
     * @throws IOException when a folder cannot be created
     */
    public void createDirectories() throws IOException {
        Files.createDirectories(homeDirectory());
        Files.createDirectories(agentDirectory());
    }

    /**
     * Adds (or replaces) a provider that speaks the OpenAI Chat Completions API in
     * {@code models.json}, keeping other providers already there. The entry uses
     * {@code api: "openai-completions"} and the compatibility switches that plain OpenAI-compatible
     * servers need ({@code supportsDeveloperRole}, {@code supportsReasoningEffort} and
     * {@code supportsStore} all false). Select it with {@code [runners.pi] provider = "<name>"}.
     * The file is replaced atomically.
     *
     * @param provider the provider name, never blank
     * @param baseUrl the API base, such as {@code http://127.0.0.1:8080/v1}, never blank
     * @param apiKey the key: a literal, the name of an environment variable, or {@code !command}
     * @param modelIds the model ids the provider offers, at least one
     * @return the file written
     * @throws IOException when the file cannot be read or written
     * @throws IllegalArgumentException when an argument is blank or the list is empty
     */
    public Path writeOpenAiCompletionsProvider(String provider, String baseUrl, String apiKey, List<String> modelIds)
            throws IOException {
        requireText("provider", provider);
        requireText("baseUrl", baseUrl);
        requireText("apiKey", apiKey);
        if (modelIds == null || modelIds.isEmpty()) {
            throw new IllegalArgumentException("modelIds must name at least one model");
        }
        ObjectNode document = readModels();
        ObjectNode providers = document.withObjectProperty("providers");
        ObjectNode entry = MAPPER.createObjectNode();
        entry.put("baseUrl", baseUrl);
        entry.put("api", "openai-completions");
        entry.put("apiKey", apiKey);
        ObjectNode compat = entry.putObject("compat");
        compat.put("supportsDeveloperRole", false);
        compat.put("supportsReasoningEffort", false);
        compat.put("supportsStore", false);
        ArrayNode models = entry.putArray("models");
        for (String id : modelIds) {
            requireText("model id", id);
            models.addObject().put("id", id);
        }
        providers.set(provider, entry);
        createDirectories();
        AtomicWrite.text(modelsFile(), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n");
        return modelsFile();
    }

    private ObjectNode readModels() throws IOException {
        if (!Files.isRegularFile(modelsFile())) {
            return MAPPER.createObjectNode();
        }
        JsonNode existing = MAPPER.readTree(modelsFile().toFile());
        if (existing instanceof ObjectNode) {
            return (ObjectNode) existing;
        }
        throw new IOException(modelsFile() + " does not hold a JSON object");
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return "PiAgentHome[" + root + "]";
    }
}
