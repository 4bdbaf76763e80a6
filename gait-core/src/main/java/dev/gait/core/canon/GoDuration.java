package dev.gait.core.canon;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} for the units Gait's settings use (ns, us, ms, s, m, h, e.g.
 * {@code 1h30m}, {@code 250ms}) and {@code Duration.String} for the canonical form
 * ({@code 24h} prints as {@code 24h0m0s}).
 */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {}

    /** Go's {@code Duration.String()} for whole-second and sub-second durations. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (nanos < 0) {
            out.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000_000_000L) {
            if (nanos < 1_000) {
                return out.append(nanos).append("ns").toString();
            }
            if (nanos < 1_000_000) {
                return out.append(trimFraction(nanos, 1_000)).append("µs").toString();
            }
            return out.append(trimFraction(nanos, 1_000_000)).append("ms").toString();
        }
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        long rest = nanos % 60_000_000_000L;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(trimFraction(rest, 1_000_000_000L)).append('s').toString();
    }

    private static String trimFraction(long value, long unit) {
        long whole = value / unit;
        long fraction = value % unit;
        if (fraction == 0) {
            return Long.toString(whole);
        }
        String digits = String.format("%0" + Long.toString(unit).length() + "d", fraction).substring(1);
        return whole + "." + digits.replaceAll("0+$", "");
    }

    public static Duration parse(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(text);
        double nanos = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            double value = Double.parseDouble(matcher.group(1));
            nanos += value * switch (matcher.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            end = matcher.end();
        }
        if (end == 0 || end != text.length()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\" (examples: 2s, 250ms, 1h30m)");
        }
        return Duration.ofNanos((long) nanos);
    }
}
