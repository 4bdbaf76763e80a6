package dev.gait.core.canon;

/** Go string helpers whose exact behaviour feeds into digests and identifiers. */
public final class GoStrings {

    private GoStrings() {}

    /** Go's {@code strings.TrimSpace}: trims what {@code unicode.IsSpace} calls space. */
    public static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Go's string order: by UTF-8 bytes, which is code point order (UTF-16 order differs above U+FFFF). */
    public static final java.util.Comparator<String> BYTE_ORDER = GoStrings::compareBytes;

    public static int compareBytes(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Go's {@code unicode.IsSpace} (every such character is in the Basic Multilingual Plane). */
    public static boolean isSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000b', '\f', '\r', ' ', '\u0085', '\u00a0', '\u1680', '\u2028', '\u2029',
                 '\u202f', '\u205f', '\u3000' -> true;
            default -> c >= '\u2000' && c <= '\u200a';
        };
    }
}
