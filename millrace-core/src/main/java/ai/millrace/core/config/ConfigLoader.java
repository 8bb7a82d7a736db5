package ai.millrace.core.config;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.config.StageConfig;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.config.ConfigRules;
import ai.millrace.core.internal.config.ConfigSchema;
import ai.millrace.core.internal.workspace.Sha256;
import ai.millrace.core.workspace.WorkspacePaths;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads {@code millrace.toml} into a {@link MillraceConfig}.
 *
 * <p>The file's tables are deep-merged over {@link MillraceConfig#defaults()}: tables merge key by
 * key, values and arrays replace. Every key is checked before binding (spec 02 sections 2.2 and
 * 6.1): an unknown key, a wrong type or an out-of-range value fails with
 * {@link ErrorCode#CONFIG_INVALID} and a message naming the file, the key path (such as
 * {@code runners.codex.permission_default}) and what is allowed; all problems of a file are
 * reported at once. TOML syntax errors name the file, line and column. Keys of
 * {@code [stages.<stage>]} and {@code permission_by_stage} must be stages the registry knows.
 * A {@code [runners.<id>]} table other than {@code codex} and {@code pi} is kept raw in
 * {@link ai.millrace.api.config.RunnersConfig#plugins()} for its runner provider to validate.
 *
 * <p>Unlike the original, an explicitly given config file that does not exist is an error; only
 * the workspace's default {@code millrace.toml} may be absent (then the defaults apply).
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigLoader {
    private static final TomlMapper TOML = new TomlMapper();
    private static final String PLUGINS = "plugins";

    private final ConfigSchema schema;

    /**
     * Creates a loader that accepts the fifteen built-in stages.
     */
    public ConfigLoader() {
        this(StageMetadataRegistry.builtIn());
    }

    /**
     * Creates a loader that accepts the stages of a registry, such as one extended by plugins.
     *
     * @param stages the stages that {@code [stages.<stage>]} may name, never null
     */
    public ConfigLoader(StageMetadataRegistry stages) {
        this.schema = ConfigSchema.forStages(Objects.requireNonNull(stages, "stages"));
    }

    /**
     * Loads a workspace's configuration: the given file when one is given, else
     * {@code millrace-agents/millrace.toml}, else the defaults.
     *
     * @param paths the workspace layout, never null
     * @param configOverride a {@code --config} file, or null
     * @return the configuration
     * @throws MillraceException with {@link ErrorCode#CONFIG_INVALID} when the file is invalid or
     *     the override does not exist
     */
    public MillraceConfig load(WorkspacePaths paths, Path configOverride) {
        Objects.requireNonNull(paths, "paths");
        if (configOverride != null) {
            return loadFile(configOverride);
        }
        Path file = paths.configFile();
        return Files.exists(file) ? loadFile(file) : MillraceConfig.defaults();
    }

    /**
     * Loads a configuration file that must exist.
     *
     * @param file the TOML file, never null
     * @return the configuration
     * @throws MillraceException with {@link ErrorCode#CONFIG_INVALID} when the file is missing,
     *     unreadable as UTF-8 or invalid; {@link ErrorCode#STORAGE_FAILED} when reading fails
     */
    public MillraceConfig loadFile(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new MillraceException(ErrorCode.CONFIG_INVALID, "config file " + file
                    + " does not exist; check the path, or leave the option out to use the workspace's millrace.toml", e);
        } catch (CharacterCodingException e) {
            throw new MillraceException(ErrorCode.CONFIG_INVALID, file + ": not valid UTF-8; save the file as UTF-8", e);
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses TOML text.
     *
     * @param toml the TOML text, never null
     * @param sourceName names the source in messages, such as the file path
     * @return the configuration
     * @throws MillraceException with {@link ErrorCode#CONFIG_INVALID} naming the source and every problem
     */
    public MillraceConfig parse(String toml, String sourceName) {
        Objects.requireNonNull(toml, "toml");
        String source = sourceName == null ? "<memory>" : sourceName;
        JsonNode tree;
        try {
            tree = TOML.readTree(toml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() != null
                    ? " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : "";
            throw new MillraceException(ErrorCode.CONFIG_INVALID, source + ": TOML syntax error" + where + ": "
                    + firstLine(e.getOriginalMessage()) + "; fix the TOML syntax", e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            tree = TOML.createObjectNode();
        }
        List<String> problems = schema.check(tree);
        if (!problems.isEmpty()) {
            throw invalid(source, problems);
        }
        ObjectNode merged = deepMerge((ObjectNode) MillraceJson.mapper().valueToTree(MillraceConfig.defaults()),
                withDefaultsInside((ObjectNode) tree));
        try {
            return MillraceJson.mapper().treeToValue(merged, MillraceConfig.class);
        } catch (JsonMappingException e) {
            throw invalid(source, List.of(dotted(e) + ": " + detail(e)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw invalid(source, List.of(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Returns the configuration fingerprint the snapshot records as {@code config_version}:
     * {@code cfg-} and the first 12 hex digits of the SHA-256 of the canonical JSON of the whole
     * configuration.
     *
     * @param config the configuration, never null
     * @return such as {@code cfg-0123456789ab}
     */
    public static String configVersion(MillraceConfig config) {
        return "cfg-" + Sha256.hex(MillraceJson.canonicalBytes(Objects.requireNonNull(config, "config"))).substring(0, 12);
    }

    /** Moves plugin runner tables under {@code runners.plugins} and fills per-item defaults. */
    private static ObjectNode withDefaultsInside(ObjectNode tree) {
        ObjectNode copy = tree.deepCopy();
        JsonNode runners = copy.get("runners");
        if (runners instanceof ObjectNode) {
            ObjectNode plugins = copy.objectNode();
            List<String> ids = new ArrayList<>();
            runners.fieldNames().forEachRemaining(ids::add);
            for (String id : ids) {
                if (!id.equals("codex") && !id.equals("pi") && runners.get(id).isObject()) {
                    plugins.set(id, ((ObjectNode) runners).remove(id));
                }
            }
            ((ObjectNode) runners).set(PLUGINS, plugins);
        }
        JsonNode stages = copy.get("stages");
        if (stages instanceof ObjectNode) {
            ObjectNode stageDefaults = MillraceJson.mapper().valueToTree(StageConfig.defaults());
            Iterator<Map.Entry<String, JsonNode>> it = stages.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(deepMerge(stageDefaults, (ObjectNode) e.getValue()));
            }
        }
        JsonNode rules = copy.path("usage_governance").path("runtime_token_rules").path("rules");
        for (JsonNode rule : rules) {
            if (rule instanceof ObjectNode && !rule.has("metric")) {
                ((ObjectNode) rule).put("metric", "total_tokens");
            }
        }
        return copy;
    }

    private static ObjectNode deepMerge(ObjectNode base, ObjectNode overlay) {
        ObjectNode merged = base.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> it = overlay.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = merged.get(e.getKey());
            if (existing instanceof ObjectNode && e.getValue() instanceof ObjectNode && !PLUGINS.equals(e.getKey())) {
                merged.set(e.getKey(), deepMerge((ObjectNode) existing, (ObjectNode) e.getValue()));
            } else {
                merged.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return merged;
    }

    private static MillraceException invalid(String source, List<String> problems) {
        if (problems.size() == 1) {
            return new MillraceException(ErrorCode.CONFIG_INVALID, source + ": " + problems.get(0));
        }
        return new MillraceException(ErrorCode.CONFIG_INVALID, source + ": " + problems.size() + " problems:\n  - "
                + String.join("\n  - ", problems));
    }

    private static String dotted(JsonMappingException e) {
        String path = "";
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path = ConfigRules.join(path, ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path = path + "[" + ref.getIndex() + "]";
            }
        }
        return path.isEmpty() ? "(top level)" : path;
    }

    private static String detail(JsonMappingException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof MillraceException) {
                return ((MillraceException) c).detail();
            }
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
