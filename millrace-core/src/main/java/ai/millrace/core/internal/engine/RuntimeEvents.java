package ai.millrace.core.internal.engine;

import ai.millrace.api.spi.RuntimeListener;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.core.internal.state.RuntimeEventLog;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends runtime events to the event log and hands them to listeners, in that order, so a
 * listener never hears of something the log does not hold. A failing listener is logged and
 * skipped. Called on the supervisor thread only.
 */
public final class RuntimeEvents {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeEvents.class);

    private final RuntimeEventLog log;
    private final List<RuntimeListener> listeners;
    private final Clock clock;

    /**
     * Creates the emitter.
     *
     * @param log the event log
     * @param listeners the listeners, in registration order
     * @param clock the clock for event times
     */
    public RuntimeEvents(RuntimeEventLog log, List<RuntimeListener> listeners, Clock clock) {
        this.log = log;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /**
     * Emits one event.
     *
     * @param type the event type
     * @param data key/value pairs, alternating; values are JSON values (null allowed)
     */
    public void emit(String type, Object... data) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < data.length; i += 2) {
            map.put((String) data[i], data[i + 1]);
        }
        emit(new RuntimeEvent(type, clock.instant(), map));
    }

    /** Closes the event log's file; a later event reopens it. */
    public void close() {
        log.close();
    }

    /**
     * Emits one event.
     *
     * @param event the event
     */
    public void emit(RuntimeEvent event) {
        log.append(event);
        for (RuntimeListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("runtime listener {} failed on {}: {}", listener.getClass().getName(), event.eventType(),
                        e.toString());
            }
        }
    }
}
