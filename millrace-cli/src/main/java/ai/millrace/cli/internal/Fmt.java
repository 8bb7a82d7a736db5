package ai.millrace.cli.internal;

import ai.millrace.api.WireEnum;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Formats values the way the original printed them: null as {@code none}, booleans as
 * {@code true}/{@code false}, floats as Python's {@code repr}, {@code %g} numbers, and datetimes as
 * Python's {@code isoformat()} of an aware UTC datetime ({@code +00:00}, microseconds when non-zero).
 */
public final class Fmt {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private Fmt() {
    }

    /**
     * Formats any value for a {@code key: value} line.
     *
     * @param value the value
     * @return the text
     */
    public static String text(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            return pyFloat(((Number) value).doubleValue());
        }
        if (value instanceof Instant) {
            return iso((Instant) value);
        }
        if (value instanceof WireEnum) {
            return ((WireEnum) value).wireName();
        }
        if (value instanceof Collection) {
            Collection<?> c = (Collection<?>) value;
            return c.isEmpty() ? "none" : c.stream().map(Fmt::text).collect(Collectors.joining(", "));
        }
        return value.toString();
    }

    /**
     * Formats a datetime as Python's {@code isoformat()} of an aware UTC datetime.
     *
     * @param instant the instant
     * @return such as {@code 2026-11-24T02:50:36.622709+00:00}
     */
    public static String iso(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        int micros = t.getNano() / 1000;
        String s = SECONDS.format(t);
        return micros == 0 ? s + "+00:00" : s + String.format(".%06d", micros) + "+00:00";
    }

    /**
     * Formats a double as Python's {@code repr}.
     *
     * @param d the value
     * @return such as {@code 1.0}, {@code 0.001553}, {@code 1e-05}
     */
    public static String pyFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        double abs = Math.abs(d);
        BigDecimal exact = new BigDecimal(Double.toString(d));
        if (abs >= 1e-4 && abs < 1e16) {
            String plain = exact.stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        BigDecimal unscaled = exact.stripTrailingZeros();
        int exponent = unscaled.precision() - unscaled.scale() - 1;
        BigDecimal mantissa = unscaled.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    /**
     * Formats a number as Python's {@code "%g" % value}.
     *
     * @param d the value
     * @return such as {@code 750000}, {@code 5e+06}, {@code 0.5}
     */
    public static String g(double d) {
        if (d == 0) {
            return "0";
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return pyFloat(d);
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(6));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < 6) {
            String plain = rounded.stripTrailingZeros().toPlainString();
            return plain;
        }
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
