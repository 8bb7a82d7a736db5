package ai.millrace.compiler.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-built formatter writes exactly what the java.time formatter wrote before it. */
class TimestampsFormatTest {
    private static String reference(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        String base = t.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        int micro = t.getNano() / 1000;
        return micro == 0 ? base + "Z" : base + String.format(".%06dZ", micro);
    }

    @Test
    void matchesTheReferenceOnFixedAndRandomInstants() {
        String[] fixed = {"2026-01-01T00:00:00Z", "1970-01-01T00:00:00.000001Z", "0001-02-03T04:05:06.789Z",
            "9999-12-31T23:59:59.999999999Z", "2026-11-24T06:13:28.120500Z", "+10000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z"};
        for (String f : fixed) {
            Instant i = Instant.parse(f);
            assertEquals(reference(i), Timestamps.format(i), f);
        }
        Random random = new Random(20261124);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int n = 0; n < 20_000; n++) {
            long seconds = min + (long) (random.nextDouble() * (max - min));
            int nanos = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
            Instant i = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(reference(i), Timestamps.format(i), i.toString());
        }
    }
}
