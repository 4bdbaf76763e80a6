package dev.gait.fleet.ingest;

import dev.gait.core.json.JsonObject;
import java.util.List;

/** The outcome of verifying one upload: accepted with what the index needs, or rejected with a reason. */
public sealed interface Ingested {

    /**
     * @param digest SHA-256 (hex) of the uploaded bytes
     * @param artifactId the artifact's own id: a runpack's manifest digest, a pack's pack id, a trace's trace id
     * @param runId the run it belongs to; empty when it names none
     * @param verdicts the gate verdicts it records (a trace's one verdict; none for packs)
     * @param createdAt when the producer says it was made, as recorded
     */
    record Accepted(ArtifactKind kind, String digest, String artifactId, String runId, List<String> verdicts, String createdAt)
            implements Ingested {
        public Accepted {
            verdicts = List.copyOf(verdicts);
        }

        public JsonObject toJson() {
            return JsonObject.builder()
                    .put("kind", kind.wireName())
                    .put("digest", digest)
                    .put("artifact_id", artifactId)
                    .put("run_id", runId)
                    .putStrings("verdicts", verdicts)
                    .put("created_at", createdAt)
                    .build();
        }
    }

    /** Why an upload was refused; nothing of it is stored. */
    record Rejected(Reason reason, String message) implements Ingested {}

    /** Stable reason codes of a rejection. */
    enum Reason {
        /** Not a runpack, pack, evidence pack or trace, or not readable as one. */
        MALFORMED("malformed"),
        /** A file, digest or id does not match what the artifact declares. */
        TAMPERED("tampered"),
        /** It carries no signature; the control plane accepts signed artifacts only. */
        UNSIGNED("unsigned"),
        /** Its signature does not verify with a key the organisation trusts. */
        SIGNATURE_INVALID("signature_invalid");

        private final String wire;

        Reason(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
