package dev.gait.cli.keys;

import dev.gait.cli.Invocation;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** {@code gait keys rotate}: writes a new pair named {@code <prefix>_<UTC yyyyMMddTHHmmssZ>}. */
final class KeysRotate extends KeyPairWriter {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    KeysRotate() {
        super("rotate", "Create a new key pair whose prefix carries the UTC time, keeping the old pair.",
                "keys rotate creates a new signing key pair named after the current UTC time, leaving older keys in place for verification.");
    }

    @Override
    String filePrefix(Invocation invocation, String prefix) {
        return prefix + "_" + STAMP.format(invocation.clock().instant().atOffset(ZoneOffset.UTC));
    }
}
