package ai.millrace.core.internal.governance;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * Calendar weeks in a configured zone: Monday 00:00 local time to the next Monday. Immutable.
 *
 * @param zone the zone used
 * @param warning why the configured zone was replaced by UTC; null when it was valid
 */
public record CalendarWeeks(ZoneId zone, String warning) {
    /**
     * Resolves a configured IANA zone; an unknown zone falls back to UTC with a warning.
     *
     * @param configured the configured zone id
     * @return the weeks
     */
    public static CalendarWeeks of(String configured) {
        try {
            return new CalendarWeeks(ZoneId.of(configured.strip()), null);
        } catch (DateTimeException | NullPointerException e) {
            return new CalendarWeeks(ZoneOffset.UTC, "usage_governance.calendar_timezone '" + configured
                    + "' is not a known IANA time zone; calendar weeks use UTC");
        }
    }

    /**
     * Returns the start of the week containing an instant.
     *
     * @param now the instant
     * @return Monday 00:00 of that week in the zone
     */
    public Instant weekStart(Instant now) {
        ZonedDateTime local = now.atZone(zone).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
        return local.toInstant();
    }

    /**
     * Returns the start of the next week.
     *
     * @param now the instant
     * @return the following Monday 00:00 in the zone (a DST change keeps it local midnight)
     */
    public Instant nextWeekStart(Instant now) {
        return weekStart(now).atZone(zone).plusWeeks(1).toLocalDate().atStartOfDay(zone).toInstant();
    }
}
