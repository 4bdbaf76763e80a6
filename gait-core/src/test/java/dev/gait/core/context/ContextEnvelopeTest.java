package dev.gait.core.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.runpack.Receipt;
import dev.gait.testkit.GaitSchemas;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContextEnvelopeTest {

    private static String record(String refId, String content, String redaction) {
        return "{\"ref_id\":\"" + refId + "\",\"source_type\":\"doc\",\"source_locator\":\"s3://b/" + refId + "\","
                + "\"query_digest\":\"" + Digests.sha256Hex("q" + refId) + "\",\"content_digest\":\"" + Digests.sha256Hex(content) + "\","
                + "\"retrieved_at\":\"2026-02-05T01:00:00+01:00\",\"redaction_mode\":\"" + redaction + "\"}";
    }

    private static byte[] envelope(String records, String extra) {
        return ("{\"schema_id\":\"gait.context.envelope\",\"schema_version\":\"1.0.0\",\"created_at\":\"2026-02-05T00:00:00Z\","
                + "\"producer_version\":\"0.0.0-dev\",\"context_set_id\":\"ctx-1\"" + extra + ",\"records\":[" + records + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void records_are_normalised_sorted_and_digested() {
        ContextEnvelope parsed = ContextEnvelope.parse(envelope(record("ref_b", "B", "reference") + "," + record("ref_a", "A", "reference"), ""), false);
        assertThat(parsed.records()).extracting(Receipt::refId).containsExactly("ref_a", "ref_b");
        assertThat(parsed.records().getFirst().immutability()).isEqualTo("unknown");
        assertThat(parsed.records().getFirst().retrievedAt().toString()).isEqualTo("2026-02-05T00:00Z");
        assertThat(parsed.evidenceMode()).isEqualTo("best_effort");
        assertThat(parsed.contextSetDigest()).isEqualTo(ContextEnvelope.digest(parsed.records()));

        String withDigest = ",\"evidence_mode\":\"required\",\"context_set_digest\":\"" + parsed.contextSetDigest() + "\"";
        byte[] complete = envelope(record("ref_a", "A", "reference") + "," + record("ref_b", "B", "reference"), withDigest);
        assertThat(ContextEnvelope.parse(complete, false).evidenceMode()).isEqualTo("required");
    }

    @Test
    void strictness_rejects_what_the_schema_rejects() {
        String records = record("ref_a", "A", "reference");
        assertRejected(envelope(records, ",\"extra\":1"), "unknown member extra");
        assertRejected(envelope(records.replace("\"redaction_mode\"", "\"surprise\":1,\"redaction_mode\""), ""), "unknown member surprise");
        assertRejected(envelope(records, ",\"context_set_digest\":\"" + "0".repeat(64) + "\""), "does not match its records");
        assertRejected(envelope(record("ref_a", "A", "raw"), ""), "--unsafe-context-raw");
        assertRejected(envelope(records, ",\"evidence_mode\":\"sometimes\""), "evidence_mode");
        assertRejected(envelope(records.replace(Digests.sha256Hex("A"), "abc"), ""), "content_digest must be a SHA-256");
        assertRejected("{\"records\":[]}".getBytes(), "context_set_id is required");
        assertRejected(new byte[ContextEnvelope.MAX_BYTES + 1], "larger than");
        assertThat(ContextEnvelope.parse(envelope(record("ref_a", "A", "raw"), ""), true).records()).hasSize(1);
    }

    @Test
    void a_written_envelope_validates_against_the_v1_schema() {
        ContextEnvelope parsed = ContextEnvelope.parse(envelope(record("ref_a", "A", "reference"), ""), false);
        String json = "{\"schema_id\":\"gait.context.envelope\",\"schema_version\":\"1.0.0\",\"created_at\":\"2026-02-05T00:00:00Z\","
                + "\"producer_version\":\"0.0.0-dev\",\"context_set_id\":\"ctx-1\",\"context_set_digest\":\"" + parsed.contextSetDigest()
                + "\",\"evidence_mode\":\"best_effort\",\"records\":[" + dev.gait.core.canon.Jcs.canonicalString(parsed.records().getFirst().toJson()) + "]}";
        GaitSchemas.assertValid("context/envelope", json);
    }

    private static void assertRejected(byte[] bytes, String message) {
        assertThatThrownBy(() -> ContextEnvelope.parse(bytes, false)).isInstanceOf(GaitException.class).hasMessageContaining(message);
    }
}
