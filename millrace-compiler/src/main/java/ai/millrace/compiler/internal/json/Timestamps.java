package ai.millrace.compiler.internal.json;

import ai.millrace.api.ContractViolationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Millrace's timestamp formats.
 *
 * <p>Output is UTC ISO-8601 with a {@code Z}, to the second, with six fraction digits only when
 * the microseconds are not zero ({@code 2026-01-01T00:00:00Z}, {@code 2026-01-01T00:00:00.500000Z}),
 * as the original writes. Input is lax, as the original reads: {@code T} or a space between date
 * and time, a date alone, minutes without seconds, any fraction, {@code Z} or an offset, or a
 * string of digits meaning epoch seconds. A value without zone is taken as UTC.
 */
public final class Timestamps {
    private static final Pattern EPOCH_SECONDS = Pattern.compile("^-?\\d+$");
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    /**
     * Formats an instant the way the original writes timestamps.
     *
     * @param instant the instant; sub-microsecond digits are dropped
     * @return such as {@code 2026-01-01T00:00:00Z}
     */
    public static String format(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        LocalDateTime t = LocalDateTime.ofInstant(micros, ZoneOffset.UTC);
        int micro = t.getNano() / 1000;
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            String base = t.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            return micro == 0 ? base + "Z" : base + String.format(".%06dZ", micro);
        }
        // Hand-built: this runs for every timestamp of every snapshot, event and journal record.
        StringBuilder b = new StringBuilder(27);
        pad(b, year, 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
        if (micro != 0) {
            pad(b.append('.'), micro, 6);
        }
        return b.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    /**
     * Parses a timestamp laxly (see the class documentation).
     *
     * @param text the text
     * @return the instant
     * @throws ContractViolationException when the text is not a timestamp
     */
    public static Instant parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new ContractViolationException("timestamp must not be empty");
        }
        if (EPOCH_SECONDS.matcher(s).matches()) {
            return Instant.ofEpochSecond(Long.parseLong(s));
        }
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            var parsed = LOCAL.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime) {
                return ((OffsetDateTime) parsed).toInstant();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ContractViolationException("'" + text + "' is not an ISO-8601 timestamp");
        }
    }
}
