package dev.gait.serve.http;

import dev.gait.core.digest.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The token callers must present as {@code Authorization: Bearer <token>}. Both sides are hashed
 * before a constant-time comparison, so neither the content nor the length leaks through timing.
 */
public final class BearerToken {
    private static final String PREFIX = "Bearer ";
    private final byte[] expected;

    public BearerToken(String token) {
        this.expected = Digests.sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    public boolean accepts(String authorization) {
        String presented = authorization != null && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? authorization.substring(PREFIX.length()).strip() : "";
        byte[] digest = Digests.sha256(presented.getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, digest) & !presented.isEmpty();
    }
}
