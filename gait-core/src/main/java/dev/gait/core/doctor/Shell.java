package dev.gait.core.doctor;

/** Quoting for the paths that fix commands name, so a hint can be pasted into a POSIX shell as is. */
final class Shell {

    private Shell() {}

    static String quote(Object value) {
        String text = String.valueOf(value);
        return text.isEmpty() ? "''" : "'" + text.replace("'", "'\\''") + "'";
    }
}
