package ai.millrace.compiler.internal.json;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.WireKind;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one Jackson configuration that reads and writes every Millrace contract with the original's
 * field names.
 *
 * <ul>
 *   <li>snake_case field names; enums and value types as their wire strings;</li>
 *   <li>unknown fields are rejected, and the error names the field and its JSON path;</li>
 *   <li>{@link WireKind} records get {@code schema_version} and {@code kind} written first and
 *       checked on input;</li>
 *   <li>timestamps as {@link Timestamps} formats and parses them;</li>
 *   <li>booleans also from the strings {@code true t yes y on 1 / false f no n off 0};
 *       numbers are never taken for strings;</li>
 *   <li>output is indented like Python's {@code json.dumps(indent=2)}, non-ASCII escaped, with a
 *       trailing newline, so files match the original's byte for byte.</li>
 * </ul>
 * Thread-safe; one shared instance.
 */
public final class MillraceJson {
    private static final Set<String> TRUE = Set.of("true", "t", "yes", "y", "on", "1");
    private static final Set<String> FALSE = Set.of("false", "f", "no", "n", "off", "0");

    private static final ObjectMapper MAPPER = createMapper();
    private static final ObjectWriter PRETTY = MAPPER.writer(new PythonStylePrettyPrinter());
    private static final ObjectMapper CANONICAL = MAPPER.copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private MillraceJson() {
    }

    /**
     * Returns the shared mapper. Do not reconfigure it.
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes a value as indented JSON with a trailing newline, as the original's state files are.
     *
     * @param value the value
     * @return the JSON text
     */
    public static String write(Object value) {
        try {
            return PRETTY.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new MillraceException(ErrorCode.CONTRACT_VIOLATION,
                    "cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes a value as UTF-8 bytes of {@link #write(Object)}.
     *
     * @param value the value
     * @return the bytes
     */
    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes a value as one compact JSON line (no trailing newline), for JSON-lines logs.
     *
     * @param value the value
     * @return the line
     */
    public static String writeLine(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new MillraceException(ErrorCode.CONTRACT_VIOLATION,
                    "cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes a value as one compact JSON line in UTF-8 with its newline: {@link #writeLine} without
     * the detour through a string, for the journal and the event log, which write bytes.
     *
     * @param value the value
     * @return the line's bytes, ending in {@code \n}
     */
    public static byte[] writeLineBytes(Object value) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(value);
            byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new MillraceException(ErrorCode.CONTRACT_VIOLATION,
                    "cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Returns the canonical form used for hashing: keys sorted at every level, no spaces,
     * non-ASCII escaped as {@code \\uXXXX}.
     *
     * @param value the value (a record, a map or a tree)
     * @return the canonical JSON bytes (UTF-8, which is ASCII here)
     */
    public static byte[] canonicalBytes(Object value) {
        JsonNode tree = MAPPER.valueToTree(value);
        try {
            return CANONICAL.writeValueAsBytes(sorted(tree));
        } catch (JsonProcessingException e) {
            throw new MillraceException(ErrorCode.CONTRACT_VIOLATION, "cannot canonicalize value: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a contract from JSON text.
     *
     * @param json the text
     * @param type the contract type
     * @param source names the input in error messages, such as a file path
     * @param <T> the type
     * @return the value
     * @throws MillraceException with {@link ErrorCode#MALFORMED_DOCUMENT} naming the source, the JSON
     *     path and what was wrong
     */
    public static <T> T read(String json, Class<T> type, String source) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw malformed(source, type, e);
        }
    }

    /**
     * Reads a contract from a JSON tree.
     *
     * @param tree the tree
     * @param type the contract type
     * @param source names the input in error messages
     * @param <T> the type
     * @return the value
     * @throws MillraceException with {@link ErrorCode#MALFORMED_DOCUMENT} as for {@link #read(String, Class, String)}
     */
    public static <T> T read(JsonNode tree, Class<T> type, String source) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw malformed(source, type, e);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonProcessingException) {
                throw malformed(source, type, (JsonProcessingException) e.getCause());
            }
            throw e;
        }
    }

    /**
     * Reads a contract from a file.
     *
     * @param file the file
     * @param type the contract type
     * @param <T> the type
     * @return the value
     * @throws MillraceException with {@link ErrorCode#MALFORMED_DOCUMENT} when the content is
     *     invalid, or {@link ErrorCode#STORAGE_FAILED} when the file cannot be read
     */
    public static <T> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, file + ": file does not exist", e);
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, file + ": cannot read: " + e.getMessage(), e);
        }
        return read(text, type, file.toString());
    }

    /**
     * Parses JSON text into a tree.
     *
     * @param json the text
     * @param source names the input in error messages
     * @return the tree
     * @throws MillraceException with {@link ErrorCode#MALFORMED_DOCUMENT} when the text is not JSON
     */
    public static JsonNode readTree(String json, String source) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed(source, JsonNode.class, e);
        }
    }

    /**
     * Renders a Jackson path as a JSON path such as {@code $.graphs_by_plane.execution.nodes[0]}.
     *
     * @param path the reference chain of an exception
     * @return the JSON path
     */
    public static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static MillraceException malformed(String source, Class<?> type, JsonProcessingException e) {
        String what;
        if (e instanceof UnrecognizedPropertyException) {
            UnrecognizedPropertyException u = (UnrecognizedPropertyException) e;
            List<JsonMappingException.Reference> parent = new ArrayList<>(u.getPath());
            if (!parent.isEmpty()) {
                parent.remove(parent.size() - 1);
            }
            what = "unknown field '" + u.getPropertyName() + "' at " + jsonPath(parent)
                    + "; remove it (known fields: " + u.getKnownPropertyIds() + ")";
        } else if (e instanceof JsonMappingException) {
            JsonMappingException m = (JsonMappingException) e;
            Throwable cause = e instanceof ValueInstantiationException && e.getCause() != null ? e.getCause() : null;
            String detail = cause instanceof MillraceException
                    ? ((MillraceException) cause).detail()
                    : cause != null ? cause.getMessage() : m.getOriginalMessage();
            what = "invalid value at " + jsonPath(m.getPath()) + ": " + firstLine(detail);
        } else {
            what = "not valid JSON: " + firstLine(e.getOriginalMessage())
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")" : "");
        }
        return new MillraceException(ErrorCode.MALFORMED_DOCUMENT,
                source + ": cannot read " + displayName(type) + ": " + what, e);
    }

    private static String displayName(Class<?> type) {
        WireKind kind = type.getAnnotation(WireKind.class);
        return kind != null ? kind.value() : type.getSimpleName();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode copy = MAPPER.createObjectNode();
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            var copy = MAPPER.createArrayNode();
            node.forEach(child -> copy.add(sorted(child)));
            return copy;
        }
        return node;
    }

    private static ObjectMapper createMapper() {
        SimpleModule module = new SimpleModule("millrace");
        module.addSerializer(Instant.class, new JsonSerializer<Instant>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(Timestamps.format(value));
            }
        });
        module.addDeserializer(Instant.class, new JsonDeserializer<Instant>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                    return Instant.ofEpochSecond(p.getLongValue());
                }
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
                }
                return Timestamps.parse(p.getText());
            }
        });
        module.addDeserializer(Boolean.class, new LaxBooleanDeserializer(false));
        module.addDeserializer(boolean.class, new LaxBooleanDeserializer(true));
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription beanDesc,
                    JsonSerializer<?> serializer) {
                WireKind kind = beanDesc.getBeanClass().getAnnotation(WireKind.class);
                if (kind != null && serializer instanceof BeanSerializerBase) {
                    return new WireKindSerializer(kind.value(), (BeanSerializerBase) serializer);
                }
                return serializer;
            }
        });

        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A missing primitive takes its default (0, false), as the original's models do.
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(MapperFeature.OVERRIDE_PUBLIC_ACCESS_MODIFIERS)
                .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                .addModule(new ParameterNamesModule())
                .addModule(module)
                .addHandler(new WireKindHandler())
                .build();
        // A JSON number is never read as a string: the original forbids that coercion.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // Agent output can be large; set the limits on purpose rather than inherit them.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(64 * 1024 * 1024)
                .maxNestingDepth(500)
                .build());
        return mapper;
    }

    /** Reads booleans also from the original's strings; an absent primitive reads as false. */
    private static final class LaxBooleanDeserializer extends JsonDeserializer<Boolean> {
        private final boolean primitive;

        LaxBooleanDeserializer(boolean primitive) {
            this.primitive = primitive;
        }

        @Override
        public Boolean getNullValue(DeserializationContext ctxt) {
            return primitive ? Boolean.FALSE : null;
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            switch (p.currentToken()) {
                case VALUE_TRUE:
                    return Boolean.TRUE;
                case VALUE_FALSE:
                    return Boolean.FALSE;
                case VALUE_STRING:
                    String s = p.getText().strip().toLowerCase(Locale.ROOT);
                    if (TRUE.contains(s)) {
                        return Boolean.TRUE;
                    }
                    if (FALSE.contains(s)) {
                        return Boolean.FALSE;
                    }
                    return (Boolean) ctxt.handleWeirdStringValue(Boolean.class, p.getText(),
                            "expected a boolean (true/false, yes/no, on/off, 1/0)");
                default:
                    return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
            }
        }
    }

    /** Accepts {@code schema_version} and {@code kind} on {@link WireKind} records only with their literal values. */
    private static final class WireKindHandler extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
            Class<?> type = beanOrClass instanceof Class ? (Class<?>) beanOrClass : beanOrClass.getClass();
            WireKind kind = type.getAnnotation(WireKind.class);
            if (kind == null || !("schema_version".equals(propertyName) || "kind".equals(propertyName))) {
                return false;
            }
            String expected = "kind".equals(propertyName) ? kind.value() : WireKind.SCHEMA_VERSION;
            if (p.currentToken() != JsonToken.VALUE_STRING || !expected.equals(p.getText())) {
                String got = p.currentToken() == JsonToken.VALUE_STRING ? "'" + p.getText() + "'" : p.currentToken().asString();
                p.skipChildren();
                throw JsonMappingException.from(p, propertyName + " must be '" + expected + "' (got " + got + ")");
            }
            return true;
        }
    }
}
