package dev.gait.core.pack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.sign.JdkEd25519;
import dev.gait.core.sign.SignatureStatus;
import dev.gait.core.sign.Signatures;
import dev.gait.core.sign.Signer;
import dev.gait.core.version.GaitVersion;
import dev.gait.core.zip.DeterministicZip;
import dev.gait.core.zip.SafeZip;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The attestation entry is a standard in-toto Statement v1 in a DSSE envelope whose subjects are the
 * pack's other entries; verification holds the pack to what it attests, even when whoever changed
 * the pack could sign it again.
 */
class PackAttestationTest {

    private static final PackVerifier.Options TRUSTING_THE_KEY =
            new PackVerifier.Options(List.of(PackFixtures.KEY.publicKey()), true, Optional.empty());

    @Test
    void the_attestation_is_an_in_toto_statement_over_every_other_entry_signed_as_dsse() throws Exception {
        SortedMap<String, byte[]> entries = PackFixtures.demoPack(PackFixtures.SIGNER).entries();
        JsonObject envelope = JsonReader.strict().readObject(entries.get(PackFiles.ATTESTATION));
        assertThat(envelope.string("payloadType")).contains("application/vnd.in-toto+json");
        byte[] payload = Base64.getDecoder().decode(envelope.string("payload").orElseThrow());
        JsonObject statement = JsonReader.strict().readObject(payload);
        assertThat(statement.string("_type")).contains("https://in-toto.io/Statement/v1");
        assertThat(statement.string("predicateType")).contains(PackAttestation.PREDICATE_TYPE);

        Map<String, String> subjects = new TreeMap<>();
        statement.array("subject").orElseThrow().elements().forEach(s -> subjects.put(((JsonObject) s).string("name").orElseThrow(),
                ((JsonObject) s).object("digest").orElseThrow().string("sha256").orElseThrow()));
        Map<String, String> expected = new TreeMap<>();
        entries.forEach((name, bytes) -> {
            if (!name.equals(PackFiles.ATTESTATION) && !name.equals(PackFiles.MANIFEST)) {
                expected.put(name, Digests.sha256Hex(bytes));
            }
        });
        assertThat(subjects).isEqualTo(expected).containsKeys(PackFiles.RUN_PAYLOAD, PackFiles.SOURCE_RUNPACK, PackFiles.PROOF_RECORDS);

        JsonObject predicate = statement.object("predicate").orElseThrow();
        assertThat(predicate.string("source_ref")).contains("run_demo");
        JsonObject input = (JsonObject) predicate.array("inputs").orElseThrow().get(0);
        assertThat(input.string("kind")).contains("runpack");
        assertThat(input.string("identity_digest")).contains("436474ad70446539c909ae85bcc156d30197ba68efb8debdaed4f5d2eef2922e");

        JsonObject signature = (JsonObject) envelope.array("signatures").orElseThrow().get(0);
        assertThat(signature.string("keyid")).contains(PackFixtures.KEY.keyId());
        byte[] pae = ("DSSEv1 28 application/vnd.in-toto+json " + payload.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] message = java.util.Arrays.copyOf(pae, pae.length + payload.length);
        System.arraycopy(payload, 0, message, pae.length, payload.length);
        assertThat(JdkEd25519.verify(PackFixtures.KEY.publicKey(), message,
                Base64.getDecoder().decode(signature.string("sig").orElseThrow()))).isTrue();
    }

    @Test
    void a_swapped_runpack_fails_even_when_the_manifest_is_signed_again() {
        SortedMap<String, byte[]> entries = PackFixtures.demoPack(PackFixtures.SIGNER).entries();
        entries.put(PackFiles.SOURCE_RUNPACK, otherRunpack());
        PackReport report = verify(resigned(entries, PackFixtures.SIGNER), TRUSTING_THE_KEY);

        assertThat(report.integrityOk()).isTrue();
        assertThat(report.signatureStatus()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(report.ok()).isFalse();
        assertThat(report.attestation().problems()).anySatisfy(p -> assertThat(p).contains("subjects do not match"))
                .anySatisfy(p -> assertThat(p).contains("input runpack_run_demo.zip (source/runpack.zip): the copy in the pack is runpack run_other"));
    }

    @Test
    void a_pack_as_gait_v1_builds_it_without_attestation_still_verifies() {
        SortedMap<String, byte[]> entries = PackFixtures.demoPack(null).entries();
        entries.remove(PackFiles.ATTESTATION);
        PackReport unsigned = verify(resigned(entries, null), new PackVerifier.Options(List.of(), false, Optional.empty()));
        assertThat(unsigned.ok()).isTrue();
        assertThat(unsigned.signatureStatus()).isEqualTo(SignatureStatus.MISSING);
        assertThat(unsigned.attestation().present()).isFalse();

        SortedMap<String, byte[]> signedEntries = PackFixtures.demoPack(PackFixtures.SIGNER).entries();
        signedEntries.remove(PackFiles.ATTESTATION);
        PackReport signed = verify(resigned(signedEntries, PackFixtures.SIGNER), TRUSTING_THE_KEY);
        assertThat(signed.ok()).isTrue();
        assertThat(signed.signatureStatus()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(signed.attestation().present()).isFalse();
    }

    private static byte[] otherRunpack() {
        RecordInput input = RecordInput.fromJson(JsonReader.strict().readObject("""
                {"run":{"run_id":"run_other","created_at":"2026-02-05T00:00:00Z"},
                 "intents":[{"intent_id":"intent_1","tool_name":"tool.search","args":{"q":"x"}}],
                 "results":[{"intent_id":"intent_1","status":"ok","result":{"ok":true}}]}
                """.getBytes(StandardCharsets.UTF_8)));
        return RunpackWriter.zipBytes(new RunpackRecorder(Clock.systemUTC()).record(input, null, PackFixtures.SIGNER));
    }

    /** The entries under a manifest computed afresh (as whoever changed them could), signed when a signer is given. */
    private static SortedMap<String, byte[]> resigned(SortedMap<String, byte[]> entries, Signer signer) {
        PackManifest old = PackManifest.parse(entries.get(PackFiles.MANIFEST));
        SortedMap<String, byte[]> files = new TreeMap<>(entries);
        files.remove(PackFiles.MANIFEST);
        List<PackEntry> contents = files.entrySet().stream()
                .map(e -> new PackEntry(e.getKey(), Digests.sha256Hex(e.getValue()), PackFiles.entryType(e.getKey()))).toList();
        PackManifest manifest = new PackManifest(old.createdAt(), GaitVersion.current(), "", old.packType(), old.sourceRef(),
                contents, List.of());
        manifest = manifest.withPackId(manifest.computePackId());
        if (signer != null) {
            manifest = manifest.withSignatures(List.of(Signatures.signDigest(signer, manifest.signedDigest())));
        }
        files.put(PackFiles.MANIFEST, Jcs.canonicalize(manifest.toJson()));
        return files;
    }

    private static PackReport verify(Map<String, byte[]> entries, PackVerifier.Options options) {
        try (SafeZip zip = SafeZip.open(DeterministicZip.write(entries), "pack.zip")) {
            return PackVerifier.verify(zip, "pack.zip", options);
        }
    }
}
