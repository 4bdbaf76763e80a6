package dev.gait.fleet.artifacts;

import dev.gait.core.digest.Digests;
import dev.gait.fleet.error.FleetException;
import java.util.regex.Pattern;

/** The layout both implementations share: {@code orgs/<org id>/sha256/<digest>}. */
final class ArtifactKeys {

    private static final Pattern ORG_ID = Pattern.compile("[a-z0-9_]{1,64}");

    private ArtifactKeys() {}

    static String prefix(String orgId) {
        if (orgId == null || !ORG_ID.matcher(orgId).matches()) {
            throw FleetException.invalid("not an organisation id: " + orgId);
        }
        return "orgs/" + orgId + "/sha256/";
    }

    static String key(String orgId, String digest) {
        return prefix(orgId) + requireDigest(digest);
    }

    static String requireDigest(String digest) {
        if (!Digests.isSha256Hex(digest)) {
            throw FleetException.invalid("not a SHA-256 digest: " + digest);
        }
        return digest;
    }

    /** The stored bytes, after checking that they still hash to their name. */
    static byte[] verified(String digest, byte[] content) {
        if (!Digests.sha256Hex(content).equals(digest)) {
            throw new FleetException(FleetException.Reason.CORRUPT, "stored artifact " + digest + " does not match its digest");
        }
        return content;
    }
}
