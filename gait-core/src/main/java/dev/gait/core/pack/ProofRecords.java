package dev.gait.core.pack;

import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonNull;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.Signer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * {@code proof_records.jsonl}: one Proof record ({@code record_type tool_invocation}) per pack entry,
 * chained through {@code previous_record_hash}, each optionally signed. The hash and id rules are
 * Proof's, so records written here verify with Gait v1 and the other way round:
 * <ul>
 *   <li>{@code record_id} = {@code prf-<RFC 3339 timestamp>-} and 8 hex of the digest of
 *       {timestamp, source, source_product, agent_id, record_type, event};</li>
 *   <li>{@code record_hash} = {@code sha256:} and the digest of the record's fields with
 *       {@code integrity} reduced to {previous_record_hash};</li>
 *   <li>a signature is Ed25519 over the ASCII bytes of {@code record_hash}, stored as
 *       {@code base64:<sig>}.</li>
 * </ul>
 */
public final class ProofRecords {

    static final String RECORD_VERSION = "1.0";
    static final String SOURCE = "gait.pack";
    static final String PRODUCT = "gait";
    static final String RECORD_TYPE = "tool_invocation";
    /** Gait writes every pack entry with mode 0644. */
    static final int ENTRY_PERMISSIONS = 0644;

    private static final Pattern RECORD_HASH = Pattern.compile("^sha256:[a-f0-9]{64}$");
    private static final Pattern SIGNATURE = Pattern.compile("^(base64|cosign):.+");
    private static final String BASE64_PREFIX = "base64:";

    private ProofRecords() {}

    /** What verification found: how many records were checked, and signature problems (collected, not fatal). */
    public record Verified(int records, List<String> signatureErrors) {}

    /**
     * The records for {@code files} (sorted by path), joined by newlines with none at the end.
     *
     * @param signer signs each record when non-null
     */
    public static byte[] build(String packType, String sourceRef, String producerVersion, SortedMap<String, byte[]> files,
                               Signer signer) {
        List<String> lines = new ArrayList<>();
        String previousHash = "";
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            JsonObject event = JsonObject.builder()
                    .put("pack_type", packType)
                    .put("source_ref", sourceRef)
                    .put("producer_version", producerVersion)
                    .put("entry_path", file.getKey())
                    .put("entry_type", PackFiles.entryType(file.getKey()))
                    .put("entry_sha256", Digests.sha256Hex(file.getValue()))
                    .put("entry_size_bytes", file.getValue().length)
                    .put("entry_permissions", ENTRY_PERMISSIONS)
                    .build();
            JsonObject.Builder record = JsonObject.builder()
                    .put("record_version", RECORD_VERSION)
                    .put("timestamp", PackFiles.CREATED_AT_TEXT)
                    .put("source", SOURCE)
                    .put("source_product", PRODUCT)
                    .put("agent_id", PRODUCT)
                    .put("record_type", RECORD_TYPE)
                    .put("event", event)
                    .put("controls", JsonObject.builder().put("permissions_enforced", false).build())
                    .put("metadata", JsonObject.builder().put("artifact_kind", "gait.pack.entry").build());
            record.put("record_id", recordId(record.build()));
            String recordHash = recordHash(record.build(), previousHash);
            JsonObject.Builder integrity = JsonObject.builder()
                    .put("record_hash", recordHash)
                    .putOmitEmpty("previous_record_hash", previousHash);
            if (signer != null) {
                integrity.put("signing_key_id", signer.keyId())
                        .put("signature", BASE64_PREFIX + Base64.getEncoder().encodeToString(
                                signer.sign(recordHash.getBytes(StandardCharsets.US_ASCII))));
            }
            lines.add(Jcs.canonicalString(record.put("integrity", integrity.build()).build()));
            previousHash = recordHash;
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks every record's form, hash and chain link; a failure there is a verification failure.
     * Signatures are checked only when {@code checkSignatures} (a signature is required and keys are
     * given); their problems are returned, as Gait v1 does.
     */
    public static Verified verify(byte[] jsonl, List<byte[]> keys, boolean checkSignatures) {
        List<String> signatureErrors = new ArrayList<>();
        String previousHash = "";
        int verified = 0;
        String[] lines = new String(jsonl, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNumber = i + 1;
            JsonObject record = parse(line, lineNumber);
            JsonObject integrity = record.object("integrity").orElseThrow();
            String recordHash = integrity.string("record_hash").orElseThrow();
            String expected = recordHash(record, integrity.string("previous_record_hash").orElse(""));
            if (!expected.equals(recordHash)) {
                throw failure("line " + lineNumber + " record hash mismatch: expected " + expected + " got " + recordHash);
            }
            String previous = integrity.string("previous_record_hash").orElse("");
            if (!previous.equals(previousHash)) {
                throw failure(previousHash.isEmpty() ? "line " + lineNumber + " expected empty previous_record_hash"
                        : "line " + lineNumber + " previous_record_hash mismatch: expected " + previousHash + " got " + previous);
            }
            previousHash = recordHash;
            if (checkSignatures) {
                String problem = signatureProblem(integrity, recordHash, keys);
                if (!problem.isEmpty()) {
                    signatureErrors.add("proof_records line " + lineNumber + " " + problem);
                }
            }
            verified++;
        }
        return new Verified(verified, signatureErrors);
    }

    private static JsonObject parse(String line, int lineNumber) {
        JsonObject record;
        try {
            record = JsonReader.strict().readObject(line.getBytes(StandardCharsets.UTF_8));
        } catch (JsonException e) {
            throw failure("line " + lineNumber + " parse record: " + e.getMessage());
        }
        String problem = schemaProblem(record);
        if (!problem.isEmpty()) {
            throw failure("line " + lineNumber + " validate record: " + problem);
        }
        return record;
    }

    /** Proof's record rules and its base record schema ({@code proof-record-v1}). */
    private static String schemaProblem(JsonObject record) {
        for (String field : List.of("record_id", "record_version", "timestamp", "source", "source_product", "record_type")) {
            if (record.string(field).filter(v -> !v.isBlank()).isEmpty()) {
                return field + " is required";
            }
        }
        if (record.has("agent_id") && record.string("agent_id").isEmpty()) {
            return "agent_id must be a string";
        }
        if (timestamp(record).isEmpty()) {
            return "timestamp must be an RFC 3339 date-time";
        }
        if (record.object("event").isEmpty() || record.object("controls").isEmpty()) {
            return "event and controls must be objects";
        }
        if (record.has("metadata") && record.object("metadata").isEmpty()) {
            return "metadata must be an object";
        }
        JsonObject integrity = record.object("integrity").orElse(null);
        if (integrity == null || !integrity.string("record_hash").filter(h -> RECORD_HASH.matcher(h).matches()).isPresent()) {
            return "integrity.record_hash must match sha256:<64 hex>";
        }
        if (integrity.has("previous_record_hash")
                && !integrity.string("previous_record_hash").filter(h -> RECORD_HASH.matcher(h).matches()).isPresent()) {
            return "integrity.previous_record_hash must match sha256:<64 hex>";
        }
        if (integrity.has("signing_key_id") && integrity.string("signing_key_id").isEmpty()) {
            return "integrity.signing_key_id must be a string";
        }
        if (integrity.has("signature") && !integrity.string("signature").filter(s -> SIGNATURE.matcher(s).matches()).isPresent()) {
            return "integrity.signature must match (base64|cosign):...";
        }
        return "";
    }

    private static String signatureProblem(JsonObject integrity, String recordHash, List<byte[]> keys) {
        String signature = integrity.string("signature").orElse("").strip();
        String keyId = integrity.string("signing_key_id").orElse("").strip();
        if (signature.isEmpty()) {
            return "missing signature";
        }
        if (keyId.isEmpty()) {
            return "missing signing_key_id";
        }
        if (!signature.startsWith(BASE64_PREFIX)) {
            return "unsupported signature prefix";
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature.substring(BASE64_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return "signature verification: signature is not valid base64";
        }
        byte[] message = recordHash.getBytes(StandardCharsets.US_ASCII);
        for (byte[] key : keys) {
            if (Ed25519KeyPair.keyId(key).equals(keyId) && Ed25519KeyPair.verify(key, message, sig)) {
                return "";
            }
        }
        return "signature verification failed";
    }

    /** {@code prf-<timestamp>-<8 hex>}: a deterministic id from what the record says happened. */
    static String recordId(JsonObject record) {
        String timestamp = secondsUtc(record);
        JsonObject identity = JsonObject.builder()
                .put("timestamp", timestamp)
                .put("source", record.string("source").orElse(""))
                .put("source_product", record.string("source_product").orElse(""))
                .put("agent_id", record.string("agent_id").orElse(""))
                .put("record_type", record.string("record_type").orElse(""))
                .put("event", record.get("event").orElse(JsonNull.INSTANCE))
                .build();
        return "prf-" + timestamp + "-" + Digests.jcsHex(identity).substring(0, 8);
    }

    /**
     * Proof's record hash. Proof hashes what it decoded: unknown members are dropped, the timestamp is
     * re-encoded in whole seconds, and the controls are re-encoded from their known fields.
     */
    static String recordHash(JsonObject record, String previousHash) {
        JsonObject payload = JsonObject.builder()
                .put("record_id", record.string("record_id").orElse(""))
                .put("record_version", record.string("record_version").orElse(""))
                .put("timestamp", secondsUtc(record))
                .put("source", record.string("source").orElse(""))
                .put("source_product", record.string("source_product").orElse(""))
                .put("agent_id", record.string("agent_id").orElse(""))
                .put("record_type", record.string("record_type").orElse(""))
                .put("event", record.get("event").orElse(JsonNull.INSTANCE))
                .put("controls", controls(record.object("controls").orElse(JsonObject.EMPTY)))
                .put("metadata", record.get("metadata").orElse(JsonNull.INSTANCE))
                .put("integrity", JsonObject.builder().put("previous_record_hash", previousHash).build())
                .build();
        return "sha256:" + Digests.jcsHex(payload);
    }

    private static JsonObject controls(JsonObject controls) {
        JsonObject.Builder known = JsonObject.builder()
                .put("permissions_enforced", controls.get("permissions_enforced").orElse(JsonValue.of(false)));
        for (String optional : List.of("approved_scope", "within_scope", "guardrails_active", "human_oversight")) {
            // Go drops these when empty (omitempty); a false within_scope is a set pointer and stays
            controls.get(optional).filter(v -> v instanceof JsonBoolean || !v.isEmpty()).ifPresent(v -> known.put(optional, v));
        }
        return known.build();
    }

    private static String secondsUtc(JsonObject record) {
        return timestamp(record).map(t -> GoTime.format(t.truncatedTo(ChronoUnit.SECONDS))).orElse("");
    }

    private static java.util.Optional<OffsetDateTime> timestamp(JsonObject record) {
        try {
            return record.string("timestamp").map(GoTime::parse).map(t -> t.withOffsetSameInstant(ZoneOffset.UTC));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static GaitException failure(String message) {
        return new GaitException(ErrorCategory.VERIFICATION_FAILED, PackFiles.PROOF_RECORDS + ": " + message);
    }
}
