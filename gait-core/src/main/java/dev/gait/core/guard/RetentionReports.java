package dev.gait.core.guard;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.sign.SignatureCheck;
import dev.gait.core.sign.Signatures;
import dev.gait.core.sign.Signer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Signed deletion reports (ours): the {@code gait.guard.retention_report} as Gait v1 writes it,
 * canonical JSON with entries sorted by path, plus a {@code signatures} member, Ed25519 over the
 * digest of the report without it. Anyone holding the public key can check that a deletion report
 * is complete and unchanged.
 */
public final class RetentionReports {
    public static final String SCHEMA_ID = "gait.guard.retention_report";

    private static final Set<String> MEMBERS = Set.of("schema_id", "schema_version", "created_at", "producer_version",
            "root_path", "dry_run", "trace_ttl_seconds", "pack_ttl_seconds", "scanned_files", "deleted_files", "kept_files",
            "signatures");

    private RetentionReports() {}

    public static JsonObject sign(JsonObject report, Signer signer) {
        String digest = Digests.jcsHex(report.without("signatures"));
        return report.toBuilder().put("signatures", new JsonArray(List.of(Signatures.signDigest(signer, digest).toJson()))).build();
    }

    /** The outcome of checking a report: its own consistency and its signature. */
    public record Check(String path, JsonObject report, List<String> errors, SignatureCheck signature, boolean signatureRequired) {
        public Check {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty() && signature.passes(signatureRequired);
        }

        public String failure() {
            if (!errors.isEmpty()) {
                return errors.getFirst();
            }
            return ok() ? "" : "signature " + signature.status().wire() + (signature.note().isEmpty() ? "" : ": " + signature.note());
        }

        public int count(String list) {
            return report.array(list).orElse(JsonArray.EMPTY).size();
        }
    }

    /** Reads and checks a report; bytes that are not a retention report at all are invalid input. */
    public static Check verify(byte[] bytes, String path, List<byte[]> trustedKeys, boolean requireSignature) {
        JsonObject report;
        try {
            report = JsonReader.strict().readObject(bytes);
        } catch (JsonException e) {
            throw GaitException.invalidInput(path + ": " + e.getMessage(), e);
        }
        if (!report.string("schema_id").orElse("").equals(SCHEMA_ID)
                || !report.string("schema_version").orElse("").equals(GuardManifest.SCHEMA_VERSION)) {
            throw GaitException.invalidInput(path + " is not a " + SCHEMA_ID + " " + GuardManifest.SCHEMA_VERSION);
        }
        List<String> errors = new ArrayList<>();
        if (!Arrays.equals(Jcs.canonicalize(report), bytes)) {
            errors.add("the report is not in canonical JSON form");
        }
        report.members().keySet().stream().filter(m -> !MEMBERS.contains(m)).sorted()
                .forEach(m -> errors.add("the report has unexpected member " + m));
        int listed = listErrors(report, "deleted_files", "deleted", errors) + listErrors(report, "kept_files", "kept", errors);
        if (!(report.get("scanned_files").orElse(null) instanceof JsonNumber scanned) || scanned.value() != listed) {
            errors.add("scanned_files does not equal the " + listed + " files listed");
        }
        SignatureCheck signature = SignatureCheck.of(report.array("signatures").orElse(JsonArray.EMPTY).elements(),
                Digests.jcsHex(report.without("signatures")), trustedKeys, requireSignature, "report has no signatures");
        return new Check(path, report, errors, signature, requireSignature);
    }

    /** Checks one list (every entry an object with this action, sorted by path); returns its length. */
    private static int listErrors(JsonObject report, String list, String action, List<String> errors) {
        JsonArray events = report.array(list).orElse(null);
        if (events == null) {
            errors.add(list + " is missing");
            return 0;
        }
        String previous = null;
        for (JsonValue value : events.elements()) {
            JsonObject event = value instanceof JsonObject object ? object : JsonObject.EMPTY;
            String path = event.string("path").orElse("");
            if (!event.string("action").orElse("").equals(action)) {
                errors.add(list + " lists " + path + " without action " + action);
            }
            if (previous != null && GoStrings.compareBytes(previous, path) >= 0) {
                errors.add(list + " is not sorted by path at " + path);
            }
            previous = path;
        }
        return events.size();
    }
}
