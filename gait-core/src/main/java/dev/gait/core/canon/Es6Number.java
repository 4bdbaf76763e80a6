package dev.gait.core.canon;

import java.math.BigDecimal;

/**
 * Formats doubles exactly as ECMAScript's {@code Number.prototype.toString} does, which is the
 * number form RFC 8785 prescribes.
 *
 * <p>The shortest round-tripping digits come from {@link Double#toString(double)}, which since
 * JDK 19 returns the shortest decimal closest to the value, with one documented exception: when a
 * single digit would do, it may return two digits that lie closer (for example {@code 4.9E-324}
 * where ECMAScript prints {@code 5e-324}). {@link #shortestDigits} corrects that case.
 */
public final class Es6Number {

    private Es6Number() {}

    /** The ECMAScript string form of {@code value}; non-finite values have none. */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("non-finite numbers have no JSON form: " + value);
        }
        if (value == 0) {
            return "0"; // also for -0, as in ECMAScript
        }
        StringBuilder out = new StringBuilder(24);
        if (value < 0) {
            out.append('-');
        }
        Decimal decimal = shortestDigits(Math.abs(value));
        layout(out, decimal.digits(), decimal.exponent());
        return out.toString();
    }

    /**
     * A positive decimal {@code 0.digits × 10^exponent}, digits without leading or trailing zeros.
     * In ECMAScript's terms {@code k = digits.length()} and {@code n = exponent}.
     */
    record Decimal(String digits, int exponent) {}

    static Decimal shortestDigits(double positive) {
        Decimal decimal = parseJavaForm(Double.toString(positive));
        if (decimal.digits().length() == 2) {
            Decimal oneDigit = closestOneDigit(positive, decimal);
            if (oneDigit != null) {
                return oneDigit;
            }
        }
        return decimal;
    }

    /** Reads {@code Double.toString} output ("123.45", "1.0E-5", "9.9E22") into a {@link Decimal}. */
    private static Decimal parseJavaForm(String text) {
        int e = text.indexOf('E');
        String mantissa = e < 0 ? text : text.substring(0, e);
        int exponent10 = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
        int point = mantissa.indexOf('.');
        String digits = mantissa.substring(0, point) + mantissa.substring(point + 1);
        int exponent = point + exponent10;
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
            exponent--;
        }
        int end = digits.length();
        while (end > start + 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return new Decimal(digits.substring(start, end), exponent);
    }

    /** The one-digit decimal that rounds to {@code value} and lies closest to it, if there is one. */
    private static Decimal closestOneDigit(double value, Decimal twoDigits) {
        int lead = twoDigits.digits().charAt(0) - '0';
        Decimal down = new Decimal(Integer.toString(lead), twoDigits.exponent());
        Decimal up = lead == 9
                ? new Decimal("1", twoDigits.exponent() + 1)
                : new Decimal(Integer.toString(lead + 1), twoDigits.exponent());
        boolean downRoundTrips = roundTrips(down, value);
        boolean upRoundTrips = roundTrips(up, value);
        if (downRoundTrips && upRoundTrips) {
            BigDecimal exact = new BigDecimal(value);
            int cmp = exact.subtract(toBigDecimal(down)).compareTo(toBigDecimal(up).subtract(exact));
            if (cmp != 0) {
                return cmp < 0 ? down : up;
            }
            return (lead % 2 == 0) ? down : up; // a tie keeps the even digit
        }
        return downRoundTrips ? down : upRoundTrips ? up : null;
    }

    private static boolean roundTrips(Decimal decimal, double value) {
        return Double.parseDouble(toBigDecimal(decimal).toString()) == value;
    }

    private static BigDecimal toBigDecimal(Decimal decimal) {
        return new BigDecimal(decimal.digits()).scaleByPowerOfTen(decimal.exponent() - decimal.digits().length());
    }

    /** ECMAScript's Number::toString layout rules for digits s (length k) and exponent n. */
    private static void layout(StringBuilder out, String s, int n) {
        int k = s.length();
        if (k <= n && n <= 21) {
            out.append(s).repeat('0', n - k);
        } else if (0 < n && n <= 21) {
            out.append(s, 0, n).append('.').append(s, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").repeat('0', -n).append(s);
        } else {
            int e = n - 1;
            out.append(s.charAt(0));
            if (k > 1) {
                out.append('.').append(s, 1, k);
            }
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
    }
}
