package dev.gait.fleet.credentials;

import dev.gait.core.digest.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Token format and secret hashing. A token is {@code gait_<credential id>.<secret>} with a
 * 256-bit random secret. The store keeps a random 128-bit salt and SHA-256(salt || secret): a
 * slow password hash buys nothing for secrets with 256 bits of entropy and would cost every poll of
 * every enforcement point. Comparison is constant-time.
 */
public final class SecretTokens {

    private static final String PREFIX = "gait_";
    private static final Pattern TOKEN = Pattern.compile("gait_(cred_[0-9a-f]{24})\\.([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A presented token split into the credential it names and its secret. */
    public record Parsed(String credentialId, String secret) {}

    /** A salt and hash to store for a secret. */
    public record Hashed(String salt, String hash) {}

    private SecretTokens() {}

    public static String newSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    public static String token(String credentialId, String secret) {
        return PREFIX + credentialId + "." + secret;
    }

    public static Optional<Parsed> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var matcher = TOKEN.matcher(token);
        return matcher.matches() ? Optional.of(new Parsed(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    public static Hashed hash(String secret) {
        String salt = Digests.toHex(randomBytes(16));
        return new Hashed(salt, hash(salt, secret));
    }

    public static boolean matches(Hashed stored, String secret) {
        byte[] expected = Digests.fromHex(stored.hash());
        byte[] actual = Digests.fromHex(hash(stored.salt(), secret));
        return MessageDigest.isEqual(expected, actual);
    }

    private static String hash(String salt, String secret) {
        MessageDigest sha256 = Digests.newSha256();
        sha256.update(Digests.fromHex(salt));
        sha256.update(secret.getBytes(StandardCharsets.UTF_8));
        return Digests.toHex(sha256.digest());
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
