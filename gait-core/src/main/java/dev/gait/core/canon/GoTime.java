package dev.gait.core.canon;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Timestamps as Go's {@code time.RFC3339Nano} writes them: fractional seconds with trailing zeros
 * trimmed (none when zero) and {@code Z} for a zero offset. Gait hashes these strings, so a Java
 * {@code .220Z} where Go writes {@code .22Z} would change every digest.
 */
public final class GoTime {

    /** Go's zero time, which {@code omitempty} does not drop. */
    public static final OffsetDateTime ZERO = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private GoTime() {}

    public static String format(OffsetDateTime time) {
        StringBuilder out = new StringBuilder(35);
        pad(out, time.getYear(), 4).append('-');
        pad(out, time.getMonthValue(), 2).append('-');
        pad(out, time.getDayOfMonth(), 2).append('T');
        pad(out, time.getHour(), 2).append(':');
        pad(out, time.getMinute(), 2).append(':');
        pad(out, time.getSecond(), 2);
        int nanos = time.getNano();
        if (nanos != 0) {
            StringBuilder fraction = new StringBuilder(9);
            pad(fraction, nanos, 9);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
        int offsetSeconds = time.getOffset().getTotalSeconds();
        if (offsetSeconds == 0) {
            out.append('Z');
        } else {
            out.append(offsetSeconds < 0 ? '-' : '+');
            int minutes = Math.abs(offsetSeconds) / 60;
            pad(out, minutes / 60, 2).append(':');
            pad(out, minutes % 60, 2);
        }
        return out.toString();
    }

    public static String formatUtc(Instant instant) {
        return format(instant.atOffset(ZoneOffset.UTC));
    }

    /** Parses an RFC 3339 timestamp, keeping its offset (Go keeps it on un-normalised times). */
    public static OffsetDateTime parse(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid RFC 3339 timestamp: " + text, e);
        }
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        return out.repeat('0', Math.max(0, width - digits.length())).append(digits);
    }
}
