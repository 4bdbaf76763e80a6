package dev.gait.fleet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.digest.Digests;
import dev.gait.core.runpack.DemoRun;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtifactVerifierTest {
    private static final List<byte[]> TRUSTED = List.of(Artifacts.KEY.publicKey());

    @Test
    void a_signed_runpack_is_accepted_with_its_run_id_digest_and_time() {
        byte[] runpack = Artifacts.signedRunpack();

        Ingested.Accepted accepted = (Ingested.Accepted) ArtifactVerifier.verify(runpack, TRUSTED);

        assertThat(accepted.kind()).isEqualTo(ArtifactKind.RUNPACK);
        assertThat(accepted.runId()).isEqualTo(DemoRun.RUN_ID);
        assertThat(accepted.digest()).isEqualTo(Digests.sha256Hex(runpack));
        assertThat(accepted.artifactId()).matches("[0-9a-f]{64}");
        assertThat(accepted.createdAt()).isNotEmpty();
    }

    @Test
    void a_runpack_changed_after_signing_is_rejected_as_tampered() {
        Ingested result = ArtifactVerifier.verify(Artifacts.tamperedRunpack(), TRUSTED);

        assertThat(result).isInstanceOfSatisfying(Ingested.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(Ingested.Reason.TAMPERED);
            assertThat(rejected.message()).contains("intents.jsonl");
        });
    }

    @Test
    void one_flipped_byte_in_the_stored_entries_is_rejected() {
        byte[] runpack = Artifacts.signedRunpack();
        for (int at : new int[] {runpack.length / 5, runpack.length / 3, runpack.length / 2}) {
            byte[] flipped = Arrays.copyOf(runpack, runpack.length);
            flipped[at] ^= 0x01;
            assertThat(ArtifactVerifier.verify(flipped, TRUSTED)).as("byte %d flipped", at).isInstanceOf(Ingested.Rejected.class);
        }
    }

    @Test
    void unsigned_and_foreign_signed_runpacks_are_rejected_with_their_reason() {
        assertThat(ArtifactVerifier.verify(Artifacts.unsignedRunpack(), TRUSTED))
                .isEqualTo(new Ingested.Rejected(Ingested.Reason.UNSIGNED, "signature missing: manifest has no signatures"));
        assertThat(ArtifactVerifier.verify(Artifacts.signedRunpack(), List.of(Artifacts.OTHER_KEY.publicKey())))
                .isInstanceOfSatisfying(Ingested.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Ingested.Reason.SIGNATURE_INVALID));
        assertThat(ArtifactVerifier.verify(Artifacts.signedRunpack(), List.of()))
                .isInstanceOf(Ingested.Rejected.class);
    }

    @Test
    void a_signed_trace_is_accepted_with_its_verdict_and_an_altered_one_is_rejected() {
        byte[] trace = Artifacts.signedTrace(Artifacts.KEY, "block");

        Ingested.Accepted accepted = (Ingested.Accepted) ArtifactVerifier.verify(trace, TRUSTED);
        assertThat(accepted.kind()).isEqualTo(ArtifactKind.TRACE);
        assertThat(accepted.verdicts()).containsExactly("block");
        assertThat(accepted.runId()).isEqualTo(DemoRun.RUN_ID);

        byte[] altered = new String(trace, StandardCharsets.UTF_8).replace("\"block\"", "\"allow\"").getBytes(StandardCharsets.UTF_8);
        assertThat(ArtifactVerifier.verify(altered, TRUSTED))
                .isInstanceOfSatisfying(Ingested.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Ingested.Reason.SIGNATURE_INVALID));
    }

    @Test
    void anything_else_is_rejected_as_malformed() {
        assertThat(ArtifactVerifier.verify("not json".getBytes(StandardCharsets.UTF_8), TRUSTED))
                .isInstanceOfSatisfying(Ingested.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Ingested.Reason.MALFORMED));
        assertThat(ArtifactVerifier.verify(new byte[0], TRUSTED)).isInstanceOf(Ingested.Rejected.class);
    }
}
