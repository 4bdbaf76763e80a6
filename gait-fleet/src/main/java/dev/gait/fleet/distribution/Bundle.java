package dev.gait.fleet.distribution;

import dev.gait.core.digest.Digests;

/**
 * An environment bundle as distributed: the signed document's bytes and the SHA-256 (hex) of those
 * bytes, which is also its strong entity tag. Its format belongs to the bundle package; distribution
 * only moves bytes.
 */
public record Bundle(byte[] bytes, String digest) {

    public static Bundle of(byte[] bytes) {
        return new Bundle(bytes.clone(), Digests.sha256Hex(bytes));
    }

    /** The strong entity tag: the digest, quoted. */
    public String etag() {
        return "\"" + digest + "\"";
    }

    /**
     * Whether an {@code If-None-Match} header names this bundle: {@code *}, or a list of entity tags
     * of which one equals ours under the weak comparison RFC 9110 prescribes for this header.
     */
    public boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || (candidate.startsWith("W/") ? candidate.substring(2) : candidate).equals(etag())) {
                return true;
            }
        }
        return false;
    }
}
