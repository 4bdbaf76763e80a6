package dev.gait.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.bundle.BundleRejectedException.Reason;
import dev.gait.core.canon.Jcs;
import dev.gait.core.canon.JsonWriter;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.sign.Signer;
import dev.gait.testkit.GaitSchemas;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetBundleTest {
    static final String ALLOW_READS = """
            default_verdict: block
            rules:
              - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [tool.read]}}
            """;
    static final String BLOCK_ALL = "default_verdict: block\n";
    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-24T06:00:00Z");

    private final Signer controlPlane = signer(1);
    private final Signer approver = signer(2);
    private final List<byte[]> trusted = List.of(controlPlane.publicKey());

    static Signer signer(int seed) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) seed);
        return new LocalSigner(Ed25519KeyPair.fromSeed(bytes));
    }

    private static JsonObject killSwitch() {
        return JsonReader.strict().readObject("""
                {"schema_id":"gait.gate.kill_switch_state","schema_version":"1.0.0","entries":[
                 {"entry_id":"ks_delete","created_at":"2026-11-24T05:00:00Z","enabled":true,"tool_name":"tool.delete"}]}
                """.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] release(String policy) {
        return FleetRelease.sign(PolicyContent.of(policy, List.of(), killSwitch()),
                new FleetRelease.Provenance("alice@example.com", "git+https://example.com/policies@4f2a", T0), controlPlane);
    }

    private FleetRelease.Verified verifiedRelease(String policy) {
        return FleetRelease.verify(release(policy), trusted);
    }

    private byte[] bundle(String environment, long sequence, String policy) {
        return FleetBundle.sign(FleetBundle.Draft.promotion("acme", environment, sequence, verifiedRelease(policy),
                List.of(new TrustedKey(approver.publicKey(), List.of(TrustedKey.DELEGATION, TrustedKey.APPROVAL))), T0.plusMinutes(sequence)),
                controlPlane);
    }

    private FleetBundle.Verified verify(byte[] bytes) {
        return FleetBundle.verify(bytes, trusted, FleetBundle.Expectation.first("acme", "prod"));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void releaseRoundTripsAndIsAddressedByTheDigestOfItsUnsignedBody() {
        byte[] bytes = release(ALLOW_READS);
        FleetRelease.Verified verified = FleetRelease.verify(bytes, trusted);

        JsonObject document = JsonReader.strict().readObject(bytes);
        assertThat(verified.digest()).isEqualTo(Digests.jcsHex(document.without("signature")))
                .isEqualTo(document.object("signature").orElseThrow().string("signed_digest").orElseThrow());
        assertThat(verified.content().policyYaml()).isEqualTo(ALLOW_READS);
        assertThat(verified.content().policy().digest()).isEqualTo(document.object("policy").orElseThrow().string("digest").orElseThrow());
        assertThat(verified.content().killSwitch()).isEqualTo(killSwitch());
        assertThat(verified.provenance()).isEqualTo(new FleetRelease.Provenance("alice@example.com", "git+https://example.com/policies@4f2a",
                OffsetDateTime.parse("2026-11-24T06:00:00Z")));
        GaitSchemas.assertValid("fleet/release", text(bytes));
    }

    @Test
    void bundleRoundTripsWithEverythingAnEnforcementPointNeeds() {
        byte[] bytes = bundle("prod", 3, ALLOW_READS);
        FleetBundle.Verified verified = verify(bytes);

        assertThat(verified.digest()).isEqualTo(Digests.sha256Hex(bytes));
        assertThat(verified.org()).isEqualTo("acme");
        assertThat(verified.environment()).isEqualTo("prod");
        assertThat(verified.sequence()).isEqualTo(3);
        assertThat(verified.releaseDigest()).isEqualTo(verifiedRelease(ALLOW_READS).digest());
        assertThat(verified.rollback()).isFalse();
        assertThat(verified.leastPrivilege()).isTrue();
        assertThat(verified.content().policyYaml()).isEqualTo(ALLOW_READS);
        assertThat(verified.content().killSwitchState().entries()).hasSize(1);
        assertThat(verified.keysFor(TrustedKey.APPROVAL)).singleElement().satisfies(k -> assertThat(k).isEqualTo(approver.publicKey()));
        assertThat(verified.keysFor(TrustedKey.APPROVED_SCRIPT)).isEmpty();
        assertThat(verified.issuedAt()).isEqualTo(T0.plusMinutes(3));
        assertThat(verified.bytes()).isEqualTo(bytes);
        GaitSchemas.assertValid("fleet/bundle", text(bytes));
    }

    @Test
    void theSameInputsGiveByteIdenticalDocuments() {
        assertThat(release(ALLOW_READS)).isEqualTo(release(ALLOW_READS));
        assertThat(bundle("prod", 7, ALLOW_READS)).isEqualTo(bundle("prod", 7, ALLOW_READS));
        assertThat(bundle("prod", 7, ALLOW_READS)).isNotEqualTo(bundle("prod", 7, BLOCK_ALL));
    }

    @Test
    void everyChangedByteOfABundleIsRefused() {
        byte[] bytes = bundle("prod", 3, ALLOW_READS);
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            int at = i;
            assertThatThrownBy(() -> verify(tampered)).as("byte %d", at).isInstanceOf(BundleRejectedException.class);
        }
    }

    @Test
    void everyChangedByteOfAReleaseIsRefused() {
        byte[] bytes = release(ALLOW_READS);
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            int at = i;
            assertThatThrownBy(() -> FleetRelease.verify(tampered, trusted)).as("byte %d", at).isInstanceOf(BundleRejectedException.class);
        }
    }

    @Test
    void refusalsNameTheirReason() {
        byte[] good = bundle("prod", 3, ALLOW_READS);
        JsonObject document = JsonReader.strict().readObject(good);
        JsonObject signature = document.object("signature").orElseThrow();

        assertRejected(() -> FleetBundle.verify(good, List.of(signer(9).publicKey()), FleetBundle.Expectation.first("acme", "prod")), Reason.WRONG_KEY);
        assertRejected(() -> FleetBundle.verify(good, trusted, FleetBundle.Expectation.first("acme", "staging")), Reason.WRONG_ENVIRONMENT);
        assertRejected(() -> FleetBundle.verify(good, trusted, FleetBundle.Expectation.first("globex", "prod")), Reason.WRONG_ORG);
        assertRejected(() -> verify(JsonWriter.GO_STRUCT_INDENTED.write(document).getBytes(StandardCharsets.UTF_8)), Reason.NOT_CANONICAL);
        assertRejected(() -> verify(Jcs.canonicalize(document.without("signature"))), Reason.UNSIGNED);
        assertRejected(() -> verify(release(ALLOW_READS)), Reason.UNKNOWN_SCHEMA);
        assertRejected(() -> verify("not json".getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED);

        // the signature of another bundle, over another digest
        JsonObject otherSignature = JsonReader.strict().readObject(bundle("prod", 4, ALLOW_READS)).object("signature").orElseThrow();
        assertRejected(() -> verify(Jcs.canonicalize(document.toBuilder().put("signature", otherSignature).build())), Reason.DIGEST_MISMATCH);
        // the right digest, a signature that does not belong to it
        JsonObject forged = otherSignature.toBuilder().put("signed_digest", signature.string("signed_digest").orElseThrow()).build();
        assertRejected(() -> verify(Jcs.canonicalize(document.toBuilder().put("signature", forged).build())), Reason.BAD_SIGNATURE);
        // signed by the control plane, but the policy text does not match its digest
        JsonObject wrongPolicy = document.without("signature").toBuilder()
                .put("policy", JsonObject.builder().put("yaml", BLOCK_ALL).put("digest", verifiedRelease(ALLOW_READS).content().policy().digest()).build())
                .build();
        assertRejected(() -> verify(SignedDocument.sign(wrongPolicy, controlPlane)), Reason.DIGEST_MISMATCH);
        // signed by the control plane, with approved-script entries no trusted key signed
        JsonObject unverifiedScripts = document.without("signature").toBuilder()
                .put("approved_scripts", new JsonArray(List.of(JsonObject.builder().put("schema_id", "gait.gate.approved_script_entry").build())))
                .build();
        assertRejected(() -> verify(SignedDocument.sign(unverifiedScripts, controlPlane)), Reason.APPROVED_SCRIPTS_UNVERIFIED);
        // unknown members are refused even when signed
        assertRejected(() -> verify(SignedDocument.sign(document.without("signature").toBuilder().put("extra", true).build(), controlPlane)),
                Reason.MALFORMED);
    }

    @Test
    void sequencesOnlyMoveForwardAndARollbackIsANewerBundle() {
        FleetBundle.Verified active = verify(bundle("prod", 5, BLOCK_ALL));

        assertRejected(() -> FleetBundle.verify(bundle("prod", 4, ALLOW_READS), trusted, FleetBundle.Expectation.after(active)), Reason.ROLLBACK);
        assertRejected(() -> FleetBundle.verify(bundle("prod", 5, ALLOW_READS), trusted, FleetBundle.Expectation.after(active)),
                Reason.SEQUENCE_REUSED);
        assertThat(FleetBundle.verify(bundle("prod", 5, BLOCK_ALL), trusted, FleetBundle.Expectation.after(active)).digest())
                .isEqualTo(active.digest());

        byte[] rollback = FleetBundle.sign(new FleetBundle.Draft("acme", "prod", 6, verifiedRelease(ALLOW_READS), true, List.of(), true, T0),
                controlPlane);
        FleetBundle.Verified rolledBack = FleetBundle.verify(rollback, trusted, FleetBundle.Expectation.after(active));
        assertThat(rolledBack.rollback()).isTrue();
        assertThat(rolledBack.releaseDigest()).isEqualTo(verifiedRelease(ALLOW_READS).digest());
        GaitSchemas.assertValid("fleet/bundle", text(rollback));
    }

    @Test
    void theSchemasRejectWhatTheVerifierRejects() {
        JsonObject document = JsonReader.strict().readObject(bundle("prod", 3, ALLOW_READS));
        assertThat(GaitSchemas.violations("fleet/bundle", Jcs.canonicalString(document.without("signature")))).isNotEmpty();
        assertThat(GaitSchemas.violations("fleet/bundle", Jcs.canonicalString(document.toBuilder().put("sequence", 0).build()))).isNotEmpty();
        assertThat(GaitSchemas.violations("fleet/release", Jcs.canonicalString(document))).isNotEmpty();
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(BundleRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
