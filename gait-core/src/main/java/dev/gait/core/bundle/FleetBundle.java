package dev.gait.core.bundle;

import dev.gait.core.bundle.BundleRejectedException.Reason;
import dev.gait.core.canon.GoTime;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.gate.ApprovedScripts;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import dev.gait.core.json.StrictMembers;
import dev.gait.core.sign.Signer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An environment bundle ({@code gait.fleet.bundle} 1.0.0): what one environment's enforcement
 * points enforce. It carries a release's content (policy, approved scripts, kill switch), the keys
 * trusted for approval and delegation tokens and approved scripts, the least-privilege setting, and
 * a sequence number that only grows, all signed by the control-plane key. Its digest is the SHA-256
 * of its published (canonical, signed) bytes.
 */
public final class FleetBundle {
    public static final String SCHEMA_ID = "gait.fleet.bundle";
    /** Sequences stay exact in every JSON implementation (IEEE doubles). */
    public static final long MAX_SEQUENCE = (1L << 53) - 1;
    private static final Set<String> MEMBERS = members();
    private static final Set<String> KEY_MEMBERS = Set.of("key_id", "public_key", "purposes");

    /**
     * A bundle to sign.
     *
     * @param sequence greater than every earlier bundle of the environment
     * @param rollback true when the bundle goes back to an earlier release (with a new, higher sequence)
     * @param issuedAt given, never read from a clock, so the same inputs give the same bytes
     */
    public record Draft(String org, String environment, long sequence, FleetRelease.Verified release, boolean rollback,
                        List<TrustedKey> trustedKeys, boolean leastPrivilege, OffsetDateTime issuedAt) {
        /** A promotion with the defaults: not a rollback, least privilege on. */
        public static Draft promotion(String org, String environment, long sequence, FleetRelease.Verified release, List<TrustedKey> trustedKeys,
                                      OffsetDateTime issuedAt) {
            return new Draft(org, environment, sequence, release, false, trustedKeys, true, issuedAt);
        }
    }

    /**
     * What an enforcement point checks a bundle against.
     *
     * @param org the organisation, or empty to accept any
     * @param environment the environment, or empty to accept any (an offline check of a bundle file)
     * @param activeSequence the sequence of the bundle in force, 0 when none
     * @param activeDigest the digest of the bundle in force, empty when none or unknown (then the same sequence passes)
     */
    public record Expectation(String org, String environment, long activeSequence, String activeDigest) {
        /** For an enforcement point that has no bundle yet. */
        public static Expectation first(String org, String environment) {
            return new Expectation(org, environment, 0, "");
        }

        /** For a reader that knows only the newest sequence it has seen: that one or a newer one passes. */
        public static Expectation atLeast(String org, String environment, long sequence) {
            return new Expectation(org, environment, sequence, "");
        }

        /** For the bundle after {@code active}. */
        public static Expectation after(Verified active) {
            return new Expectation(active.org(), active.environment(), active.sequence(), active.digest());
        }
    }

    /**
     * A bundle that verified, with its approved scripts verified against the keys it trusts for them
     * ({@code approvedScripts} is null when it carries none: the approved-script fast path is off).
     */
    public record Verified(String digest, String org, String environment, long sequence, String releaseDigest, boolean rollback,
                           PolicyContent content, List<TrustedKey> trustedKeys, boolean leastPrivilege, OffsetDateTime issuedAt,
                           ApprovedScripts.Verified approvedScripts, byte[] bytes) {
        public Verified {
            trustedKeys = List.copyOf(trustedKeys);
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The public keys trusted for one purpose ({@link TrustedKey#APPROVAL}, …). */
        public List<byte[]> keysFor(String purpose) {
            return trustedKeys.stream().filter(k -> k.trustedFor(purpose)).map(TrustedKey::publicKey).toList();
        }
    }

    private FleetBundle() {}

    /** The published bytes of a bundle. */
    public static byte[] sign(Draft draft, Signer signer) {
        if (draft.org().isBlank() || draft.environment().isBlank()) {
            throw new IllegalArgumentException("a bundle needs an organisation and an environment");
        }
        if (draft.sequence() < 1 || draft.sequence() > MAX_SEQUENCE) {
            throw new IllegalArgumentException("a bundle sequence is between 1 and " + MAX_SEQUENCE + ", got " + draft.sequence());
        }
        List<JsonValue> keys = new ArrayList<>();
        draft.trustedKeys().stream().sorted(Comparator.comparing(TrustedKey::keyId)).forEach(key -> keys.add(JsonObject.builder()
                .put("key_id", key.keyId())
                .put("public_key", Base64.getEncoder().encodeToString(key.publicKey()))
                .putStrings("purposes", key.purposes())
                .build()));
        JsonObject.Builder body = JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", SignedDocument.SCHEMA_VERSION)
                .put("org", draft.org())
                .put("environment", draft.environment())
                .put("sequence", draft.sequence())
                .put("release_digest", draft.release().digest())
                .putOmitEmpty("rollback", draft.rollback())
                .put("trusted_keys", new JsonArray(keys))
                .put("least_privilege", draft.leastPrivilege())
                .put("issued_at", GoTime.format(draft.issuedAt().withOffsetSameInstant(ZoneOffset.UTC)));
        draft.release().content().writeTo(body);
        return SignedDocument.sign(body.build(), signer);
    }

    /**
     * Verifies a bundle offline before it may be activated: schema, canonical bytes, signature by a
     * control-plane key, content digests, organisation, environment, sequence (never below the
     * bundle in force) and the approved-script entries. A refusal names its reason.
     */
    public static Verified verify(byte[] bytes, List<byte[]> controlPlaneKeys, Expectation expected) {
        SignedDocument.Opened opened = SignedDocument.open(bytes, SCHEMA_ID, MEMBERS, controlPlaneKeys);
        JsonObject body = opened.body();
        String org = SignedDocument.text(body, "org");
        String environment = SignedDocument.text(body, "environment");
        String releaseDigest = SignedDocument.text(body, "release_digest");
        if (!Digests.isSha256Hex(releaseDigest)) {
            throw new BundleRejectedException(Reason.MALFORMED, "release_digest is not a SHA-256 hex digest");
        }
        long sequence;
        boolean rollback;
        boolean leastPrivilege;
        List<TrustedKey> trustedKeys;
        try {
            sequence = StrictMembers.integer(body, "sequence");
            rollback = bool(body, "rollback", false);
            leastPrivilege = bool(body, "least_privilege", true);
            trustedKeys = trustedKeys(StrictMembers.objects(body, "trusted_keys"));
        } catch (JsonException | IllegalArgumentException e) {
            throw new BundleRejectedException(Reason.MALFORMED, e.getMessage());
        }
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new BundleRejectedException(Reason.MALFORMED, "sequence must be between 1 and " + MAX_SEQUENCE);
        }
        OffsetDateTime issuedAt = SignedDocument.time(body, "issued_at");
        PolicyContent content = PolicyContent.read(body);
        String digest = Digests.sha256Hex(bytes);
        if (!expected.org().isEmpty() && !expected.org().equals(org)) {
            throw new BundleRejectedException(Reason.WRONG_ORG, "bundle is for organisation " + org + ", expected " + expected.org());
        }
        if (!expected.environment().isEmpty() && !expected.environment().equals(environment)) {
            throw new BundleRejectedException(Reason.WRONG_ENVIRONMENT,
                    "bundle is for environment " + environment + ", expected " + expected.environment());
        }
        if (sequence < expected.activeSequence()) {
            throw new BundleRejectedException(Reason.ROLLBACK, "bundle sequence " + sequence + " is older than the bundle in force ("
                    + expected.activeSequence() + "); a rollback is published as a new bundle with a higher sequence");
        }
        if (sequence == expected.activeSequence() && !expected.activeDigest().isEmpty() && !digest.equals(expected.activeDigest())) {
            throw new BundleRejectedException(Reason.SEQUENCE_REUSED,
                    "bundle sequence " + sequence + " is the sequence of the bundle in force, with different content");
        }
        ApprovedScripts.Verified scripts = null;
        if (!content.approvedScripts().isEmpty()) {
            try {
                List<byte[]> scriptKeys = trustedKeys.stream().filter(k -> k.trustedFor(TrustedKey.APPROVED_SCRIPT)).map(TrustedKey::publicKey).toList();
                scripts = content.scripts().verify(scriptKeys, issuedAt.toInstant());
            } catch (GaitException e) {
                throw new BundleRejectedException(Reason.APPROVED_SCRIPTS_UNVERIFIED, e.getMessage());
            }
        }
        return new Verified(digest, org, environment, sequence, releaseDigest, rollback, content, trustedKeys, leastPrivilege, issuedAt,
                scripts, bytes);
    }

    private static boolean bool(JsonObject body, String member, boolean absent) {
        JsonValue value = body.get(member).orElse(null);
        if (value == null) {
            return absent;
        }
        if (value instanceof JsonBoolean b) {
            return b == JsonBoolean.TRUE;
        }
        throw new BundleRejectedException(Reason.MALFORMED, member + " must be a boolean");
    }

    private static List<TrustedKey> trustedKeys(List<JsonObject> entries) {
        List<TrustedKey> keys = new ArrayList<>();
        for (JsonObject entry : entries) {
            SignedDocument.only(entry, KEY_MEMBERS, "trusted_keys[]");
            TrustedKey key = new TrustedKey(Base64.getDecoder().decode(SignedDocument.text(entry, "public_key")),
                    entry.array("purposes").orElse(JsonArray.EMPTY).elements().stream().map(FleetBundle::purpose).toList());
            if (!key.keyId().equals(SignedDocument.text(entry, "key_id"))) {
                throw new BundleRejectedException(Reason.DIGEST_MISMATCH, "trusted key " + SignedDocument.text(entry, "key_id")
                        + " is not the id of its public key");
            }
            keys.add(key);
        }
        return keys;
    }

    private static String purpose(JsonValue value) {
        if (value instanceof JsonString s) {
            return s.value();
        }
        throw new BundleRejectedException(Reason.MALFORMED, "trusted key purposes must be strings");
    }

    private static Set<String> members() {
        Set<String> members = new HashSet<>(PolicyContent.MEMBERS);
        members.addAll(Set.of("schema_id", "schema_version", "org", "environment", "sequence", "release_digest", "rollback",
                "trusted_keys", "least_privilege", "issued_at"));
        return Set.copyOf(members);
    }
}
