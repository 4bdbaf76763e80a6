package dev.gait.core.bundle;

import dev.gait.core.canon.GoTime;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.Signer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A release ({@code gait.fleet.release} 1.0.0): policy content published once, immutable, signed by
 * the control-plane key, with its provenance. Its digest, the release's content address, is the
 * SHA-256 of the canonical form of the document without its signature (the signature's
 * {@code signed_digest}).
 */
public final class FleetRelease {
    public static final String SCHEMA_ID = "gait.fleet.release";
    private static final Set<String> MEMBERS = members();
    private static final Set<String> PROVENANCE_MEMBERS = Set.of("author", "source", "created_at");

    /**
     * Who published the release, from where, and when; the time is given, never read from a clock,
     * so the same inputs give the same bytes.
     */
    public record Provenance(String author, String source, OffsetDateTime createdAt) {
        JsonObject toJson() {
            return JsonObject.builder()
                    .put("author", author)
                    .put("source", source)
                    .put("created_at", GoTime.format(createdAt.withOffsetSameInstant(ZoneOffset.UTC)))
                    .build();
        }
    }

    /** A release whose signature verified. */
    public record Verified(String digest, PolicyContent content, Provenance provenance) {}

    private FleetRelease() {}

    /** The published bytes of a release. */
    public static byte[] sign(PolicyContent content, Provenance provenance, Signer signer) {
        if (provenance.author().isBlank() || provenance.source().isBlank()) {
            throw new IllegalArgumentException("a release needs an author and a source");
        }
        JsonObject.Builder body = JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", SignedDocument.SCHEMA_VERSION)
                .put("provenance", provenance.toJson());
        content.writeTo(body);
        return SignedDocument.sign(body.build(), signer);
    }

    /** Verifies a release offline against the control-plane keys; a refusal names its reason. */
    public static Verified verify(byte[] bytes, List<byte[]> trustedKeys) {
        SignedDocument.Opened opened = SignedDocument.open(bytes, SCHEMA_ID, MEMBERS, trustedKeys);
        JsonObject provenance = SignedDocument.object(opened.body(), "provenance");
        SignedDocument.only(provenance, PROVENANCE_MEMBERS, "provenance");
        return new Verified(opened.digest(), PolicyContent.read(opened.body()), new Provenance(
                SignedDocument.text(provenance, "author"), SignedDocument.text(provenance, "source"),
                SignedDocument.time(provenance, "created_at")));
    }

    private static Set<String> members() {
        Set<String> members = new HashSet<>(PolicyContent.MEMBERS);
        members.addAll(Set.of("schema_id", "schema_version", "provenance"));
        return Set.copyOf(members);
    }
}
