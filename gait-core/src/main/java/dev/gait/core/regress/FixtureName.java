package dev.gait.core.regress;

import java.util.regex.Pattern;

/** Fixture names: {@code ^[a-z0-9][a-z0-9._-]*$}, derived from a run id when not given. */
public final class FixtureName {

    private static final Pattern VALID = Pattern.compile("^[a-z0-9][a-z0-9._-]*$");
    private static final String FALLBACK = "fixture";

    private FixtureName() {}

    public static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    /**
     * The run id lowercased, each run of characters outside {@code [a-z0-9._-]} replaced by one
     * {@code -}, trimmed of {@code -._}; {@value #FALLBACK} when nothing is left.
     */
    public static String fromRunId(String runId) {
        StringBuilder name = new StringBuilder(runId.length());
        boolean replacing = false;
        for (int codePoint : runId.codePoints().map(Character::toLowerCase).toArray()) {
            boolean kept = (codePoint >= 'a' && codePoint <= 'z') || (codePoint >= '0' && codePoint <= '9')
                    || codePoint == '.' || codePoint == '_' || codePoint == '-';
            if (kept) {
                name.appendCodePoint(codePoint);
            } else if (!replacing) {
                name.append('-');
            }
            replacing = !kept;
        }
        int start = 0;
        int end = name.length();
        while (start < end && isTrimmed(name.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmed(name.charAt(end - 1))) {
            end--;
        }
        return start == end ? FALLBACK : name.substring(start, end);
    }

    private static boolean isTrimmed(char c) {
        return c == '-' || c == '.' || c == '_';
    }
}
