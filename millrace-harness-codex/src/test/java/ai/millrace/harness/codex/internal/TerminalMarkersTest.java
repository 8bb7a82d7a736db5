package ai.millrace.harness.codex.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TerminalMarkersTest {
    private static final List<String> BUILDER = List.of("### BUILDER_COMPLETE", "### BLOCKED");

    private static Optional<String> token(String message) {
        return TerminalMarkers.finalLegalToken(message, BUILDER);
    }

    @Test
    void qualifying() {
        assertEquals(Optional.of("BUILDER_COMPLETE"), token("Done.\n\n### BUILDER_COMPLETE"));
        assertEquals(Optional.of("BLOCKED"), token("Stuck.\n### BLOCKED\n\n  \n"));
        assertEquals(Optional.of("BLOCKED"), token("  ### BLOCKED  "));
        assertEquals(Optional.of("BLOCKED"), token("### NOT_LEGAL\n### BLOCKED"), "illegal markers are not counted");
    }

    @Test
    void notQualifying() {
        assertEquals(Optional.empty(), token(null));
        assertEquals(Optional.empty(), token(""));
        assertEquals(Optional.empty(), token("no marker"));
        assertEquals(Optional.empty(), token("### BUILDER_COMPLETE\nmore text after"));
        assertEquals(Optional.empty(), token("### BUILDER_COMPLETE\n### BLOCKED"), "two legal markers");
        assertEquals(Optional.empty(), token("### BLOCKED\n### BLOCKED"), "the same marker twice");
        assertEquals(Optional.empty(), token("###   BLOCKED"), "the last line must be exactly '### TOKEN'");
        assertEquals(Optional.empty(), token("### CHECKER_PASS"));
        assertEquals(Optional.empty(), token("text ### BLOCKED"));
    }
}
