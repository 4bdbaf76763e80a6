package dev.gait.core.runpack;

import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.sign.SignatureRecord;
import dev.gait.core.sign.Signatures;
import dev.gait.core.zip.SafeZip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Verifies a runpack offline: every payload file against the manifest, the manifest digest, no
 * files beyond those the manifest lists, and the manifest signature against trusted public keys.
 * Digests are recomputed from the stored manifest JSON, so packs written by other Gait
 * implementations verify the same way.
 */
public final class RunpackVerifier {

    private RunpackVerifier() {}

    /**
     * @param trustedKeys raw 32-byte Ed25519 public keys; empty means no key is configured
     * @param requireSignature whether only a verified signature passes
     */
    public static VerifyReport verify(SafeZip zip, String path, List<byte[]> trustedKeys, boolean requireSignature) {
        byte[] manifestBytes = manifestBytes(zip);
        JsonObject manifest = parseManifest(manifestBytes);
        // Gait writes manifest.json as canonical JSON; any other byte form is a changed manifest.
        boolean canonical = java.util.Arrays.equals(Jcs.canonicalize(manifest), manifestBytes);
        String runId = manifest.string("run_id").orElse("");

        List<String> missing = new ArrayList<>();
        List<VerifyReport.HashMismatch> mismatches = new ArrayList<>();
        Set<String> listed = new TreeSet<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (JsonValue value : manifest.array("files").orElse(JsonArray.EMPTY).elements()) {
            if (!(value instanceof JsonObject file)) {
                throw GaitException.invalidInput("manifest files[] entries must be objects");
            }
            String name = file.string("path").orElse("");
            listed.add(name);
            if (zip.contains(name)) {
                expected.put(name, file.string("sha256").orElse(""));
            } else {
                missing.add(name);
            }
        }
        Map<String, String> actual = zip.sha256Hex(List.copyOf(expected.keySet()), RunpackFiles.MAX_ENTRY_BYTES);
        expected.forEach((name, sha256) -> {
            if (!actual.get(name).equals(sha256)) {
                mismatches.add(new VerifyReport.HashMismatch(name, sha256, actual.get(name)));
            }
        });
        int checked = expected.size();
        for (String payload : RunpackFiles.PAYLOADS) {
            if (!listed.contains(payload) && !missing.contains(payload)) {
                missing.add(payload);
            }
        }
        List<String> undeclared = zip.names().stream()
                .filter(name -> !name.equals(RunpackFiles.MANIFEST) && !listed.contains(name))
                .sorted().toList();

        // Digests are compared exactly: Gait writes lowercase hex, and a changed byte is a changed artifact.
        String storedDigest = manifest.string("manifest_digest").orElse("");
        JsonObject unsigned = manifest.without("signatures");
        String recomputed = Digests.jcsHex(unsigned.toBuilder().put("manifest_digest", "").build());
        if (!recomputed.equals(storedDigest)) {
            mismatches.add(new VerifyReport.HashMismatch(RunpackFiles.MANIFEST, storedDigest, recomputed));
        }
        missing.sort(null);
        mismatches.sort((a, b) -> a.path().compareTo(b.path()));

        SignatureCheck signature = checkSignatures(manifest, Digests.jcsHex(unsigned), trustedKeys, requireSignature);
        return new VerifyReport(path, runId, storedDigest, checked, missing, mismatches, undeclared, canonical, signature.status,
                signature.errors, signature.total, signature.valid, signature.note, requireSignature);
    }

    /** Reads and checks {@code manifest.json}; a missing or foreign manifest is invalid input. */
    public static JsonObject readManifest(SafeZip zip) {
        return parseManifest(manifestBytes(zip));
    }

    private static byte[] manifestBytes(SafeZip zip) {
        if (!zip.contains(RunpackFiles.MANIFEST)) {
            throw GaitException.invalidInput("not a runpack: no manifest.json");
        }
        return zip.read(RunpackFiles.MANIFEST, RunpackFiles.MAX_ENTRY_BYTES);
    }

    private static JsonObject parseManifest(byte[] bytes) {
        JsonObject manifest;
        try {
            manifest = JsonReader.strict().readObject(bytes);
        } catch (JsonException e) {
            throw GaitException.invalidInput("manifest.json: " + e.getMessage(), e);
        }
        if (!manifest.string("schema_id").orElse("").equals(Manifest.SCHEMA_ID)
                || !manifest.string("schema_version").orElse("").equals(RecordHeader.SCHEMA_VERSION)) {
            throw GaitException.invalidInput("manifest.json is not a gait.runpack.manifest 1.0.0");
        }
        if (manifest.string("run_id").orElse("").isEmpty()) {
            throw GaitException.invalidInput("manifest.json has no run_id");
        }
        return manifest;
    }

    private static final java.util.Set<String> SIGNATURE_MEMBERS = java.util.Set.of("alg", "key_id", "sig", "signed_digest");

    /**
     * A signature object must be exactly what the schema allows: alg, key_id and sig as strings,
     * optionally signed_digest. The signatures sit outside the signed bytes, so anything more
     * would be unauthenticated data riding along in a verified pack.
     */
    private static String malformedSignature(JsonObject json) {
        for (String member : json.members().keySet()) {
            if (!SIGNATURE_MEMBERS.contains(member)) {
                return "signature has unexpected member " + member;
            }
        }
        for (String required : new String[] {"alg", "key_id", "sig"}) {
            if (json.string(required).isEmpty()) {
                return "signature lacks " + required;
            }
        }
        if (json.has("signed_digest") && json.string("signed_digest").isEmpty()) {
            return "signature signed_digest is not a string";
        }
        return "";
    }

    private record SignatureCheck(VerifyReport.SignatureStatus status, List<String> errors, int total, int valid, String note) {}

    private static SignatureCheck checkSignatures(JsonObject manifest, String signedDigest, List<byte[]> keys, boolean required) {
        List<JsonValue> signatures = manifest.array("signatures").orElse(JsonArray.EMPTY).elements();
        if (signatures.isEmpty()) {
            return new SignatureCheck(VerifyReport.SignatureStatus.MISSING, List.of(), 0, 0,
                    required ? "manifest has no signatures" : "");
        }
        if (keys.isEmpty()) {
            return new SignatureCheck(VerifyReport.SignatureStatus.SKIPPED, List.of(), signatures.size(), 0,
                    "public key not configured");
        }
        List<String> errors = new ArrayList<>();
        int valid = 0;
        for (JsonValue value : signatures) {
            if (!(value instanceof JsonObject json)) {
                errors.add("signature entry is not an object");
                continue;
            }
            String malformed = malformedSignature(json);
            if (!malformed.isEmpty()) {
                errors.add(malformed);
                continue;
            }
            SignatureRecord signature = SignatureRecord.fromJson(json);
            String reason = "";
            boolean verified = false;
            for (byte[] key : keys) {
                Signatures.Verification result = Signatures.verifyDigest(key, signature, signedDigest);
                if (result.verified()) {
                    verified = true;
                    break;
                }
                reason = result.reason();
            }
            if (verified) {
                valid++;
            } else {
                errors.add((signature.keyId().isEmpty() ? "signature" : "signature " + signature.keyId()) + ": " + reason);
            }
        }
        VerifyReport.SignatureStatus status = valid > 0 ? VerifyReport.SignatureStatus.VERIFIED : VerifyReport.SignatureStatus.FAILED;
        return new SignatureCheck(status, valid > 0 ? List.of() : errors, signatures.size(), valid, "");
    }
}
