package ai.millrace.harness.pi.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognizes provider failures in Pi's events: a {@code message} whose {@code stopReason} is
 * {@code "error"}, or an {@code agent_end} whose last assistant entry in {@code messages[]} has
 * that stop reason. Stateless and thread-safe.
 */
public final class ProviderErrors {
    /** The message used when Pi reports an error without an {@code errorMessage}. */
    public static final String UNKNOWN = "pi reported a provider error without a message";

    private ProviderErrors() {
    }

    /**
     * Returns the provider error an event reports.
     *
     * @param event the event object, never null
     * @return the error message ({@link #UNKNOWN} when Pi gave none), or null when the event reports
     *     no provider error
     */
    public static String errorIn(JsonNode event) {
        JsonNode message = event.get("message");
        if (message != null && message.isObject()) {
            return ofMessage(message);
        }
        JsonNode messages = event.get("messages");
        if (messages != null && messages.isArray()) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                JsonNode m = messages.get(i);
                if ("assistant".equals(RpcRecord.text(m, "role"))) {
                    return ofMessage(m);
                }
            }
        }
        return null;
    }

    private static String ofMessage(JsonNode message) {
        if (!"error".equals(RpcRecord.text(message, "stopReason"))) {
            return null;
        }
        String text = RpcRecord.text(message, "errorMessage");
        return text == null || text.isBlank() ? UNKNOWN : text;
    }
}
