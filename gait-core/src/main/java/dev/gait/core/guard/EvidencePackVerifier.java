package dev.gait.core.guard;

import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.runpack.VerifyReport.HashMismatch;
import dev.gait.core.sign.SignatureCheck;
import dev.gait.core.zip.SafeZip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Verifies a guard evidence pack offline, more strictly than Gait v1 (which checks only the hashes
 * of listed files): the manifest must be canonical JSON with only v1's members, every entry must be
 * listed and match its hash, nothing unlisted may ride along, pack_id is recomputed, the signature is
 * checked against trusted keys, and the declared inputs must agree with the entries derived from them.
 */
public final class EvidencePackVerifier {

    private static final Set<String> MANIFEST_MEMBERS = Set.of("schema_id", "schema_version", "created_at", "producer_version",
            "pack_id", "run_id", "case_id", "template_id", "generated_at", "control_index", "evidence_pointers", "incident_window",
            "rendered_artifacts", "contents", "signatures");
    private static final Set<String> CONTENT_MEMBERS = Set.of("path", "sha256", "type");

    private EvidencePackVerifier() {}

    /**
     * @param trustedKeys raw 32-byte Ed25519 public keys; empty means no key is configured
     * @param requireSignature whether only a verified signature passes
     */
    public static PackVerifyReport verify(SafeZip zip, String path, List<byte[]> trustedKeys, boolean requireSignature) {
        byte[] manifestBytes = manifestBytes(zip);
        JsonObject manifest = parse(manifestBytes);
        List<String> manifestErrors = new ArrayList<>();
        if (!Arrays.equals(Jcs.canonicalize(manifest), manifestBytes)) {
            manifestErrors.add(PackFiles.MANIFEST + " is not in canonical JSON form");
        }
        manifest.members().keySet().stream().filter(m -> !MANIFEST_MEMBERS.contains(m)).sorted()
                .forEach(m -> manifestErrors.add(PackFiles.MANIFEST + " has unexpected member " + m));

        JsonArray contents = manifest.array("contents").orElse(JsonArray.EMPTY);
        Map<String, String> declared = declaredHashes(contents, manifestErrors);
        List<String> missing = new ArrayList<>();
        Map<String, String> present = new LinkedHashMap<>();
        declared.forEach((name, sha256) -> {
            if (zip.contains(name)) {
                present.put(name, sha256);
            } else {
                missing.add(name);
            }
        });
        Map<String, String> actual = zip.sha256Hex(List.copyOf(present.keySet()), PackFiles.MAX_ENTRY_BYTES);
        List<HashMismatch> mismatches = new ArrayList<>();
        Set<String> intact = new TreeSet<>();
        present.forEach((name, sha256) -> {
            if (actual.get(name).equals(sha256)) {
                intact.add(name);
            } else {
                mismatches.add(new HashMismatch(name, sha256, actual.get(name)));
            }
        });
        List<String> undeclared = zip.names().stream()
                .filter(name -> !name.equals(PackFiles.MANIFEST) && !declared.containsKey(name)).sorted().toList();

        String runId = manifest.string("run_id").orElse("");
        String packId = manifest.string("pack_id").orElse("");
        String recomputed = GuardManifest.packId(runId, contents);
        if (!recomputed.equals(packId)) {
            manifestErrors.add("pack_id " + packId + " does not match the recomputed " + recomputed);
        }
        SignatureCheck signature = SignatureCheck.of(manifest.array("signatures").orElse(JsonArray.EMPTY).elements(),
                GuardManifest.signedDigest(manifest), trustedKeys, requireSignature, "pack manifest has no signatures");

        String inputsStatus = PackVerifyReport.INPUTS_ABSENT;
        List<String> inputsErrors = List.of();
        if (declared.containsKey(PackFiles.INPUTS)) {
            inputsErrors = inputsErrors(zip, intact, runId, declared.keySet());
            inputsStatus = inputsErrors.isEmpty() ? PackVerifyReport.INPUTS_VERIFIED : PackVerifyReport.INPUTS_FAILED;
        }
        missing.sort(null);
        mismatches.sort((a, b) -> a.path().compareTo(b.path()));
        return new PackVerifyReport(path, packId, runId, manifest.string("template_id").orElse(""), present.size(), missing,
                mismatches, undeclared, manifestErrors, signature, requireSignature, inputsStatus, inputsErrors);
    }

    private static byte[] manifestBytes(SafeZip zip) {
        if (!zip.contains(PackFiles.MANIFEST)) {
            throw GaitException.invalidInput("not a guard evidence pack: no " + PackFiles.MANIFEST);
        }
        return zip.read(PackFiles.MANIFEST, PackFiles.MAX_ENTRY_BYTES);
    }

    /** A manifest that does not parse was damaged (exit 2); one of another kind is the wrong input (exit 6). */
    private static JsonObject parse(byte[] bytes) {
        JsonObject manifest;
        try {
            manifest = JsonReader.strict().readObject(bytes);
        } catch (JsonException e) {
            throw new GaitException(ErrorCategory.VERIFICATION_FAILED, PackFiles.MANIFEST + " is damaged: " + e.getMessage(), e);
        }
        if (!manifest.string("schema_id").orElse("").equals(GuardManifest.SCHEMA_ID)
                || !manifest.string("schema_version").orElse("").equals(GuardManifest.SCHEMA_VERSION)) {
            throw GaitException.invalidInput(PackFiles.MANIFEST + " is not a " + GuardManifest.SCHEMA_ID + " " + GuardManifest.SCHEMA_VERSION);
        }
        return manifest;
    }

    /** The manifest's path → sha256 rows; malformed rows are manifest errors. */
    private static Map<String, String> declaredHashes(JsonArray contents, List<String> errors) {
        Map<String, String> declared = new LinkedHashMap<>();
        for (JsonValue value : contents.elements()) {
            JsonObject row = value instanceof JsonObject object ? object : JsonObject.EMPTY;
            String name = row.string("path").orElse("");
            String sha256 = row.string("sha256").orElse("");
            boolean wellFormed = CONTENT_MEMBERS.containsAll(row.members().keySet()) && !name.isEmpty()
                    && !name.equals(PackFiles.MANIFEST) && Digests.isSha256Hex(sha256)
                    && EntryType.parse(row.string("type").orElse("")) != null;
            if (!wellFormed) {
                errors.add("malformed contents row " + row);
            } else if (declared.putIfAbsent(name, sha256) != null) {
                errors.add("contents lists " + name + " twice");
            }
        }
        return declared;
    }

    private static List<String> inputsErrors(SafeZip zip, Set<String> intact, String runId, Set<String> contents) {
        if (!intact.contains(PackFiles.INPUTS)) {
            return List.of(PackFiles.INPUTS + " is missing or altered");
        }
        try {
            return PackInputs.check(entry(zip, PackFiles.INPUTS), runId, contents,
                    intact.contains(PackFiles.RUNPACK_SUMMARY) ? entry(zip, PackFiles.RUNPACK_SUMMARY) : null,
                    intact.contains(PackFiles.TRACE_SUMMARY) ? entry(zip, PackFiles.TRACE_SUMMARY) : null);
        } catch (JsonException e) {
            return List.of("cannot read declared inputs: " + e.getMessage());
        }
    }

    private static JsonObject entry(SafeZip zip, String name) {
        return JsonReader.strict().readObject(zip.read(name, PackFiles.MAX_ENTRY_BYTES));
    }
}
