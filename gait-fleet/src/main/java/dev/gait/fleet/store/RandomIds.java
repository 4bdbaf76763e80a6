package dev.gait.fleet.store;

import dev.gait.core.digest.Digests;
import java.security.SecureRandom;

/** Identifiers of stored rows: a kind prefix and 96 random bits, e.g. {@code env_3f9a…}. */
final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {}

    static String next(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + Digests.toHex(bytes);
    }
}
