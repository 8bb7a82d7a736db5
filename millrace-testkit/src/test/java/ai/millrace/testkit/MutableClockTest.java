package ai.millrace.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {
    @Test
    void standsStillUntilMoved() {
        MutableClock clock = new MutableClock();

        assertEquals(MutableClock.DEFAULT_START, clock.instant());
        assertEquals(MutableClock.DEFAULT_START, clock.instant());
        assertEquals(ZoneOffset.UTC, clock.getZone());
        assertEquals(MutableClock.DEFAULT_START.plusSeconds(90), clock.advance(Duration.ofSeconds(90)));
        assertEquals(MutableClock.DEFAULT_START.plusSeconds(90), clock.instant());
        clock.set(Instant.EPOCH);
        assertEquals(Instant.EPOCH, clock.instant());
    }

    @Test
    void aZonedCopySharesTheInstant() {
        MutableClock clock = new MutableClock(Instant.EPOCH);
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofHours(1));

        assertEquals(Instant.EPOCH.plusSeconds(3600), paris.instant());
        assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
    }

    @Test
    void neverMovesBackwardsByAdvance() {
        assertThrows(IllegalArgumentException.class, () -> new MutableClock().advance(Duration.ofSeconds(-1)));
    }
}
