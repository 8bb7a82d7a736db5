package ai.millrace.api.spi;

import ai.millrace.api.state.RuntimeEvent;

/**
 * Receives runtime events: stages starting and completing, router decisions, pauses, reloads.
 *
 * <p>Register one with the runtime builder, or through {@link java.util.ServiceLoader} when the
 * runtime is built with plugin discovery. Events are delivered in order on the runtime's
 * supervisor thread, after the change they describe is durable; a listener must return quickly and
 * must not call back into the runtime. An exception thrown by a listener is logged and otherwise
 * ignored, so a faulty listener cannot stop the runtime.
 */
public interface RuntimeListener {
    /**
     * Called for every runtime event.
     *
     * @param event the event, never null
     */
    void onEvent(RuntimeEvent event);
}
