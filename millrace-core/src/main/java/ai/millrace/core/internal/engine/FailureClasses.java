package ai.millrace.core.internal.engine;

import java.util.Locale;

/** The failure-class normalization the recovery counters are keyed by. */
public final class FailureClasses {
    private FailureClasses() {
    }

    /**
     * Lower-cases, turns every run of characters other than letters and digits into {@code _}, and
     * trims {@code _} from both ends.
     *
     * @param raw the raw class
     * @return the normalized class
     * @throws IllegalArgumentException when nothing is left
     */
    public static String normalize(String raw) {
        String s = raw == null ? "" : raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        s = s.replaceAll("^_+|_+$", "");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("failure_class cannot be empty");
        }
        return s;
    }

    /**
     * Tells whether a value is a usable (non-blank) failure class.
     *
     * @param value the value, may be null
     * @return true when non-blank
     */
    public static boolean present(Object value) {
        return value instanceof String && !((String) value).isBlank();
    }
}
