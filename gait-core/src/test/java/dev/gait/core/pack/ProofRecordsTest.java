package dev.gait.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.sign.JdkEd25519;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Proof records as Proof defines them, recomputed here from hand-written canonical JSON. */
class ProofRecordsTest {

    private static final SortedMap<String, byte[]> FILES = new TreeMap<>(java.util.Map.of(
            "a.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
            "b/c.zip", new byte[] {1, 2, 3}));

    @Test
    void ids_hashes_chain_and_signatures_follow_proofs_rules() throws Exception {
        String[] lines = new String(ProofRecords.build("run", "run_x", "1.2.3", FILES, PackFixtures.SIGNER), StandardCharsets.UTF_8)
                .split("\n", -1);
        assertThat(lines).hasSize(2);

        String previous = "";
        for (String entry : FILES.keySet()) {
            String line = lines[entry.equals("a.json") ? 0 : 1];
            byte[] data = FILES.get(entry);
            String event = "{\"entry_path\":\"" + entry + "\",\"entry_permissions\":420,\"entry_sha256\":\"" + sha256(data)
                    + "\",\"entry_size_bytes\":" + data.length + ",\"entry_type\":\"" + (entry.endsWith(".zip") ? "zip" : "json")
                    + "\",\"pack_type\":\"run\",\"producer_version\":\"1.2.3\",\"source_ref\":\"run_x\"}";
            String identity = "{\"agent_id\":\"gait\",\"event\":" + event + ",\"record_type\":\"tool_invocation\","
                    + "\"source\":\"gait.pack\",\"source_product\":\"gait\",\"timestamp\":\"1980-01-01T00:00:00Z\"}";
            String recordId = "prf-1980-01-01T00:00:00Z-" + sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
            String hashed = "{\"agent_id\":\"gait\",\"controls\":{\"permissions_enforced\":false},\"event\":" + event
                    + ",\"integrity\":{\"previous_record_hash\":\"" + previous + "\"},\"metadata\":{\"artifact_kind\":\"gait.pack.entry\"},"
                    + "\"record_id\":\"" + recordId + "\",\"record_type\":\"tool_invocation\",\"record_version\":\"1.0\","
                    + "\"source\":\"gait.pack\",\"source_product\":\"gait\",\"timestamp\":\"1980-01-01T00:00:00Z\"}";
            String recordHash = "sha256:" + sha256(hashed.getBytes(StandardCharsets.UTF_8));

            String signature = Base64.getEncoder().encodeToString(PackFixtures.SIGNER.sign(recordHash.getBytes(StandardCharsets.US_ASCII)));
            String integrity = "{" + (previous.isEmpty() ? "" : "\"previous_record_hash\":\"" + previous + "\",")
                    + "\"record_hash\":\"" + recordHash + "\",\"signature\":\"base64:" + signature + "\",\"signing_key_id\":\""
                    + PackFixtures.KEY.keyId() + "\"}";
            assertThat(line).isEqualTo("{\"agent_id\":\"gait\",\"controls\":{\"permissions_enforced\":false},\"event\":" + event
                    + ",\"integrity\":" + integrity + ",\"metadata\":{\"artifact_kind\":\"gait.pack.entry\"},\"record_id\":\""
                    + recordId + "\",\"record_type\":\"tool_invocation\",\"record_version\":\"1.0\",\"source\":\"gait.pack\","
                    + "\"source_product\":\"gait\",\"timestamp\":\"1980-01-01T00:00:00Z\"}");
            assertThat(JdkEd25519.verify(PackFixtures.KEY.publicKey(), recordHash.getBytes(StandardCharsets.US_ASCII),
                    Base64.getDecoder().decode(signature))).isTrue();
            previous = recordHash;
        }
    }

    @Test
    void verification_checks_every_hash_and_link_and_collects_signature_problems() {
        byte[] signed = ProofRecords.build("run", "run_x", "1.2.3", FILES, PackFixtures.SIGNER);
        List<byte[]> keys = List.of(PackFixtures.KEY.publicKey());
        assertThat(ProofRecords.verify(signed, keys, true)).isEqualTo(new ProofRecords.Verified(2, List.of()));

        byte[] unsigned = ProofRecords.build("run", "run_x", "1.2.3", FILES, null);
        assertThat(ProofRecords.verify(unsigned, keys, false).signatureErrors()).isEmpty();
        assertThat(ProofRecords.verify(unsigned, keys, true).signatureErrors())
                .containsExactly("proof_records line 1 missing signature", "proof_records line 2 missing signature");
        byte[] otherKey = dev.gait.core.sign.Ed25519KeyPair.generate(new java.security.SecureRandom()).publicKey();
        assertThat(ProofRecords.verify(signed, List.of(otherKey), true).signatureErrors()).hasSize(2);

        String[] lines = new String(signed, StandardCharsets.UTF_8).split("\n");
        assertFails(lines[1] + "\n" + lines[0], "expected empty previous_record_hash");
        assertFails(lines[0].replace("\"entry_size_bytes\":7", "\"entry_size_bytes\":8") + "\n" + lines[1], "record hash mismatch");
        assertFails(lines[0] + "\n" + lines[0], "previous_record_hash mismatch");
        assertFails(lines[0].replace("\"record_version\":\"1.0\",", ""), "record_version is required");
        assertFails("{not json", "parse record");
    }

    private static void assertFails(String jsonl, String message) {
        assertThatThrownBy(() -> ProofRecords.verify(jsonl.getBytes(StandardCharsets.UTF_8), List.of(), false))
                .isInstanceOf(GaitException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((GaitException) e).category()).isEqualTo(ErrorCategory.VERIFICATION_FAILED));
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
