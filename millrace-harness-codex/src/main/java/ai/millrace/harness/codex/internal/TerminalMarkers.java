package ai.millrace.harness.codex.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The original's "timeout reconciliation" check on the agent's final message (spec 1.3.4): exactly
 * one line carries a legal marker, and the last non-blank line is exactly that marker.
 */
public final class TerminalMarkers {
    private static final Pattern MARKER = Pattern.compile("^###\\s+([A-Z_]+)\\s*$");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n|\u000b|\f|\u001c|\u001d|\u001e|\u0085|\u2028|\u2029");

    private TerminalMarkers() {
    }

    /**
     * Returns the token the message ends with, when it qualifies for reconciliation.
     *
     * @param message the agent's final message; may be null
     * @param legalMarkers the request's legal markers ({@code ### TOKEN})
     * @return the token, such as {@code BUILDER_COMPLETE}; empty when the message does not qualify
     */
    public static Optional<String> finalLegalToken(String message, List<String> legalMarkers) {
        if (message == null) {
            return Optional.empty();
        }
        Set<String> legal = Set.copyOf(legalMarkers.stream()
                .map(m -> m.startsWith("### ") ? m.substring(4) : m).toList());
        String[] lines = LINE_BREAK.split(message, -1);
        List<String> matches = new ArrayList<>();
        String lastNonBlank = null;
        for (String line : lines) {
            String stripped = line.strip();
            if (!stripped.isEmpty()) {
                lastNonBlank = stripped;
            }
            Matcher m = MARKER.matcher(stripped);
            if (m.matches() && legal.contains(m.group(1))) {
                matches.add(m.group(1));
            }
        }
        if (matches.size() != 1 || lastNonBlank == null) {
            return Optional.empty();
        }
        String token = matches.get(0);
        return lastNonBlank.equals("### " + token) ? Optional.of(token) : Optional.empty();
    }
}
