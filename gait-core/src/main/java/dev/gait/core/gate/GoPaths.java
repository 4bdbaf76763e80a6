package dev.gait.core.gate;

import java.util.ArrayList;
import java.util.List;

/** Go's {@code path.Clean} and {@code path.Match}, which decide how Gait compares slash paths. */
public final class GoPaths {

    private GoPaths() {}

    /** The shortest lexically equivalent path: no empty, {@code .} or resolvable {@code ..} segments. */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!out.isEmpty() && !out.getLast().equals("..")) {
                    out.removeLast();
                } else if (!rooted) {
                    out.add("..");
                }
                continue;
            }
            out.add(segment);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** Go's {@code path.Match} for {@code *}, {@code ?} and literal characters ({@code *} never matches '/'). */
    public static boolean match(String pattern, String name) {
        return match(pattern, 0, name, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (match(p, pi + 1, s, k)) {
                        return true;
                    }
                    if (k < s.length() && s.charAt(k) == '/') {
                        return false;
                    }
                }
                return false;
            }
            if (si >= s.length()) {
                return false;
            }
            if (c == '?') {
                if (s.charAt(si) == '/') {
                    return false;
                }
            } else {
                if (c == '\\' && pi + 1 < p.length()) {
                    pi++;
                    c = p.charAt(pi);
                }
                if (s.charAt(si) != c) {
                    return false;
                }
            }
            pi++;
            si++;
        }
        return si == s.length();
    }
}
