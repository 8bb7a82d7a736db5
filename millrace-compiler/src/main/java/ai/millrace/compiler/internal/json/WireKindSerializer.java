package ai.millrace.compiler.internal.json;

import ai.millrace.api.WireKind;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import java.io.IOException;

/**
 * Writes a {@link WireKind} record as {@code {"schema_version": "1.0", "kind": "...", <fields>}}:
 * the two header fields first, then the record's own fields through the bean serializer in
 * unwrapping mode.
 */
final class WireKindSerializer extends StdSerializer<Object> implements ResolvableSerializer, ContextualSerializer {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final BeanSerializerBase delegate;
    private transient JsonSerializer<Object> fields;

    WireKindSerializer(String kind, BeanSerializerBase delegate) {
        super(Object.class);
        this.kind = kind;
        this.delegate = delegate;
    }

    @Override
    public void resolve(SerializerProvider provider) throws JsonMappingException {
        delegate.resolve(provider);
        fields = delegate.unwrappingSerializer(NameTransformer.NOP);
    }

    @Override
    public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
            throws JsonMappingException {
        JsonSerializer<?> contextual = delegate.createContextual(provider, property);
        if (contextual == delegate || !(contextual instanceof BeanSerializerBase)) {
            return this;
        }
        WireKindSerializer copy = new WireKindSerializer(kind, (BeanSerializerBase) contextual);
        copy.resolve(provider);
        return copy;
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (fields == null) {
            resolve(provider);
        }
        gen.writeStartObject(value);
        gen.writeStringField("schema_version", WireKind.SCHEMA_VERSION);
        gen.writeStringField("kind", kind);
        fields.serialize(value, gen, provider);
        gen.writeEndObject();
    }
}
