package dev.gait.core.runpack;

import dev.gait.core.sign.SignatureStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.error.GaitException;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.zip.DeterministicZip;
import dev.gait.core.zip.SafeZip;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunpackVerifierTest {

    private static final Ed25519KeyPair KEY = Ed25519KeyPair.generate(new SecureRandom());
    private static final RunpackRecorder RECORDER = new RunpackRecorder(Clock.systemUTC());

    static RunpackRecorder.Recorded signedDemo() {
        return RECORDER.record(DemoRun.input("0.0.0-dev"), null, new LocalSigner(KEY));
    }

    private static VerifyReport verify(byte[] zip, List<byte[]> keys, boolean required) {
        try (SafeZip opened = SafeZip.open(zip, "test.zip")) {
            return RunpackVerifier.verify(opened, "test.zip", keys, required);
        }
    }

    @Test
    void a_signed_pack_verifies_with_its_key_and_signing_does_not_change_the_manifest_digest() {
        RunpackRecorder.Recorded recorded = signedDemo();
        assertThat(recorded.manifestDigest()).isEqualTo("436474ad70446539c909ae85bcc156d30197ba68efb8debdaed4f5d2eef2922e");
        VerifyReport report = verify(RunpackWriter.zipBytes(recorded), List.of(KEY.publicKey()), true);
        assertThat(report.ok()).isTrue();
        assertThat(report.signatureStatus()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(report.filesChecked()).isEqualTo(4);
        assertThat(report.signaturesValid()).isEqualTo(1);
    }

    @Test
    void signature_statuses_decide_ok_as_documented() {
        byte[] signed = RunpackWriter.zipBytes(signedDemo());
        byte[] unsigned = RunpackWriter.zipBytes(RECORDER.record(DemoRun.input("0.0.0-dev"), null, null));
        byte[] otherKey = Ed25519KeyPair.generate(new SecureRandom()).publicKey();

        assertThat(verify(signed, List.of(otherKey), false).signatureStatus()).isEqualTo(SignatureStatus.FAILED);
        assertThat(verify(signed, List.of(otherKey), false).ok()).as("a wrong key fails even when not required").isFalse();
        assertThat(verify(signed, List.of(), true).signatureStatus()).isEqualTo(SignatureStatus.SKIPPED);
        assertThat(verify(signed, List.of(), true).ok()).isFalse();
        assertThat(verify(signed, List.of(), false).ok()).isTrue();
        assertThat(verify(unsigned, List.of(KEY.publicKey()), true).signatureStatus()).isEqualTo(SignatureStatus.MISSING);
        assertThat(verify(unsigned, List.of(KEY.publicKey()), true).ok()).isFalse();
        assertThat(verify(unsigned, List.of(KEY.publicKey()), true).signatureNote()).isEqualTo("manifest has no signatures");
        assertThat(verify(unsigned, List.of(), false).ok()).isTrue();
        assertThat(verify(signed, List.of(otherKey, KEY.publicKey()), true).ok()).as("any trusted key may match").isTrue();
    }

    @Test
    void changing_any_byte_of_any_entry_fails_verification() {
        RunpackRecorder.Recorded recorded = signedDemo();
        int positions = 0;
        for (String name : recorded.entries().keySet()) {
            byte[] original = recorded.entries().get(name);
            for (int i = 0; i < original.length; i++) {
                for (int mask : new int[] {0x01, 0x20, 0xff}) {
                    Map<String, byte[]> tampered = new LinkedHashMap<>(recorded.entries());
                    byte[] changed = original.clone();
                    changed[i] ^= (byte) mask;
                    tampered.put(name, changed);
                    assertThat(rejected(DeterministicZip.write(tampered)))
                            .as("byte %d of %s xor 0x%02x", i, name, mask).isTrue();
                }
                positions++;
            }
        }
        assertThat(positions).isGreaterThan(3000);
    }

    @Test
    void a_changed_archive_byte_is_rejected_cleanly_or_leaves_every_entry_intact() {
        RunpackRecorder.Recorded recorded = signedDemo();
        byte[] zip = RunpackWriter.zipBytes(recorded);
        int accepted = 0;
        for (int i = 0; i < zip.length; i++) {
            byte[] changed = zip.clone();
            changed[i] ^= (byte) 0xff;
            if (!rejected(changed)) {
                // only zip metadata that carries no content (signatures, times, attributes) may change
                accepted++;
                try (SafeZip opened = SafeZip.open(changed, "changed.zip")) {
                    for (Map.Entry<String, byte[]> entry : recorded.entries().entrySet()) {
                        assertThat(opened.read(entry.getKey(), 1 << 20)).as("archive byte %d", i).isEqualTo(entry.getValue());
                    }
                }
            }
        }
        assertThat(accepted).isLessThan(zip.length / 4);
    }

    /** Whether verification rejects the archive, as a failed report or a categorised Gait error. */
    private static boolean rejected(byte[] zip) {
        try {
            return !verify(zip, List.of(KEY.publicKey()), true).ok();
        } catch (GaitException e) {
            return true;
        }
    }

    @Test
    void files_not_listed_in_the_manifest_fail_verification() {
        RunpackRecorder.Recorded recorded = signedDemo();
        Map<String, byte[]> entries = new LinkedHashMap<>(recorded.entries());
        entries.put("extra.txt", "smuggled".getBytes());
        VerifyReport report = verify(DeterministicZip.write(entries), List.of(KEY.publicKey()), true);
        assertThat(report.ok()).isFalse();
        assertThat(report.undeclaredFiles()).containsExactly("extra.txt");
    }

    @Test
    void a_missing_payload_is_reported_sorted() {
        Map<String, byte[]> entries = new LinkedHashMap<>(signedDemo().entries());
        entries.remove("results.jsonl");
        entries.remove("intents.jsonl");
        VerifyReport report = verify(DeterministicZip.write(entries), List.of(KEY.publicKey()), true);
        assertThat(report.missingFiles()).containsExactly("intents.jsonl", "results.jsonl");
        assertThat(report.ok()).isFalse();
    }

    @Test
    void the_reader_refuses_tampered_packs() {
        Map<String, byte[]> entries = new LinkedHashMap<>(signedDemo().entries());
        entries.put("run.json", "{}".getBytes());
        try (SafeZip zip = SafeZip.open(DeterministicZip.write(entries), "t.zip")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunpackReader.read(zip, "t.zip"))
                    .isInstanceOf(GaitException.class)
                    .hasMessageContaining("failed its integrity check");
        }
        try (SafeZip zip = SafeZip.open(RunpackWriter.zipBytes(signedDemo()), "ok.zip")) {
            RunpackReader.Records records = RunpackReader.read(zip, "ok.zip");
            assertThat(records.intents()).hasSize(3);
            assertThat(new ArrayList<>(records.results())).hasSize(3);
        }
    }
}
