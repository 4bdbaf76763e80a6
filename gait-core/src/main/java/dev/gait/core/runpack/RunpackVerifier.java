package dev.gait.core.runpack;

import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.sign.SignatureCheck;
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

        SignatureCheck signature = SignatureCheck.of(manifest.array("signatures").orElse(JsonArray.EMPTY).elements(),
                Digests.jcsHex(unsigned), trustedKeys, requireSignature, "manifest has no signatures");
        return new VerifyReport(path, runId, storedDigest, checked, missing, mismatches, undeclared, canonical, signature.status(),
                signature.errors(), signature.total(), signature.valid(), signature.note(), requireSignature);
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
}
