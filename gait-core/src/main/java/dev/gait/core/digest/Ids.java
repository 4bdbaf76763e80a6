package dev.gait.core.digest;

import dev.gait.core.canon.GoStrings;
import java.util.List;

/** Gait's deterministic 12-byte identifiers: the first 24 hex characters of a SHA-256. */
public final class Ids {

    private static final char UNIT_SEPARATOR = '\u001f';

    private Ids() {}

    /** {@code H12(x)}: the first 12 bytes of SHA-256(x) in lowercase hex. */
    public static String h12(String text) {
        return Digests.sha256Hex(text).substring(0, 24);
    }

    /**
     * The CLI's {@code correlation_id}: H12 of the argument vector including argv[0], each element
     * trimmed, joined by U+001F. An empty vector gives 24 zeros.
     */
    public static String correlationId(List<String> argv) {
        if (argv.isEmpty()) {
            return "0".repeat(24);
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < argv.size(); i++) {
            if (i > 0) {
                joined.append(UNIT_SEPARATOR);
            }
            joined.append(GoStrings.trimSpace(argv.get(i)));
        }
        return h12(joined.toString());
    }
}
