package ai.millrace.core.internal.state;

import ai.millrace.api.ContractViolationException;

/**
 * The shape of a plane status marker: one line {@code ### <TOKEN>}. Stateless.
 */
public final class StatusMarkers {
    /** The marker of an idle plane. */
    public static final String IDLE = "### IDLE";
    /** What a status file that is missing, empty or not one marker line reads as. */
    public static final String INVALID = "### INVALID_STATUS_MARKER";

    private StatusMarkers() {
    }

    /**
     * Tells whether a text is a well-formed marker.
     *
     * @param marker the text, may be null
     * @return true for one line starting with {@code ### } and not blank after it
     */
    public static boolean isValid(String marker) {
        return marker != null && marker.startsWith("### ") && !marker.substring(4).isBlank()
                && marker.indexOf('\n') < 0 && marker.indexOf('\r') < 0;
    }

    /**
     * Validates a marker.
     *
     * @param marker the marker
     * @return the marker
     * @throws ContractViolationException when it is not one {@code ### X} line
     */
    public static String require(String marker) {
        if (!isValid(marker)) {
            throw new ContractViolationException("status marker must be one line '### <TOKEN>' (got '" + marker + "')");
        }
        return marker;
    }

    /**
     * Parses the content of a status file.
     *
     * @param content the file content, may be null when the file is missing
     * @return the marker, or {@link #INVALID} when the content is not exactly one marker line
     */
    public static String parse(String content) {
        if (content == null) {
            return INVALID;
        }
        String stripped = content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        stripped = stripped.strip();
        return isValid(stripped) ? stripped : INVALID;
    }
}
