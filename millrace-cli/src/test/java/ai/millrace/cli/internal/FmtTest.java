package ai.millrace.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FmtTest {
    @Test
    void valuesPrintAsTheOriginalPrintedThem() {
        assertEquals("none", Fmt.text(null));
        assertEquals("true", Fmt.text(true));
        assertEquals("none", Fmt.text(List.of()));
        assertEquals("a, b", Fmt.text(List.of("a", "b")));
        assertEquals("3600", Fmt.text(3600));
    }

    @Test
    void floatsAsPythonRepr() {
        assertEquals("1.0", Fmt.pyFloat(1.0));
        assertEquals("0.001553", Fmt.pyFloat(0.001553));
        assertEquals("0.0001", Fmt.pyFloat(0.0001));
        assertEquals("1e-05", Fmt.pyFloat(0.00001));
        assertEquals("4.5", Fmt.pyFloat(4.5));
        assertEquals("0.0", Fmt.pyFloat(0.0));
        assertEquals("1e+16", Fmt.pyFloat(1e16));
    }

    @Test
    void percentG() {
        assertEquals("750000", Fmt.g(750000));
        assertEquals("5e+06", Fmt.g(5000000));
        assertEquals("0.5", Fmt.g(0.5));
        assertEquals("100", Fmt.g(100));
        assertEquals("0", Fmt.g(0));
        assertEquals("1.23457e+06", Fmt.g(1234567));
    }

    @Test
    void datetimesAsPythonIsoformat() {
        assertEquals("2026-11-24T02:50:36.622709+00:00", Fmt.iso(Instant.parse("2026-11-24T02:50:36.622709Z")));
        assertEquals("2026-11-24T02:50:36+00:00", Fmt.iso(Instant.parse("2026-11-24T02:50:36Z")));
        assertEquals("2026-11-24T02:50:36.500000+00:00", Fmt.iso(Instant.parse("2026-11-24T02:50:36.5Z")));
    }
}
