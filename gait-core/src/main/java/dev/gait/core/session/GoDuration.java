package dev.gait.core.session;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} for the units Gait's settings use: ns, us, ms, s, m, h (e.g. {@code 1h30m}, {@code 250ms}). */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {}

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
