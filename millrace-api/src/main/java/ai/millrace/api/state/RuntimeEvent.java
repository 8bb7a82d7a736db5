package ai.millrace.api.state;

import ai.millrace.api.Identifiers;
import ai.millrace.api.WireKind;
import ai.millrace.api.internal.Copies;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One runtime event, as appended to {@code logs/runtime_events.jsonl} and handed to
 * {@link ai.millrace.api.spi.RuntimeListener}s.
 *
 * @param eventType the event type, such as {@code stage_started}
 * @param occurredAt when it happened
 * @param data event data (JSON values)
 */
@WireKind("runtime_event")
public record RuntimeEvent(
        String eventType,
        Instant occurredAt,
        Map<String, Object> data) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param eventType the event type, such as {@code stage_started}
     * @param occurredAt when it happened
     * @param data event data (JSON values)
     */
    public RuntimeEvent {
        Identifiers.requireText("event_type", eventType);
        Objects.requireNonNull(occurredAt, "occurred_at is required");
        data = Copies.json(data);
    }
}
