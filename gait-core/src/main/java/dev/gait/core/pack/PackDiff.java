package dev.gait.core.pack;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.runpack.RunpackDiff;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.zip.SafeZip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code gait pack diff}: which files were added, removed or changed between two packs (by the
 * SHA-256 their manifests declare), whether the manifests differ (their canonical digest, signatures
 * included), and for two run packs how their context evidence drifted.
 */
public final class PackDiff {
    public static final String SCHEMA_ID = "gait.pack.diff";

    private PackDiff() {}

    /** One side of a diff. */
    record Side(String packId, String packType, String manifestDigest, Map<String, String> files, Optional<JsonObject> refs,
                String contextSetDigest, String contextEvidenceMode, long contextRefCount) {}

    /** The {@code gait.pack.diff} document and its summary. */
    public record Result(JsonObject json, boolean changed, boolean manifestDelta, List<String> addedFiles,
                         List<String> removedFiles, List<String> changedFiles, String contextDriftClassification) {}

    public static Result diff(SafeZip left, String leftPath, SafeZip right, String rightPath) {
        Side l = side(left, leftPath);
        Side r = side(right, rightPath);
        List<String> added = onlyIn(r.files(), l.files());
        List<String> removed = onlyIn(l.files(), r.files());
        List<String> changed = l.files().keySet().stream()
                .filter(path -> r.files().containsKey(path) && !r.files().get(path).equals(l.files().get(path))).toList();
        boolean manifestDelta = !l.manifestDigest().equals(r.manifestDigest()) || !l.packType().equals(r.packType());

        String drift = "none";
        if (l.packType().equals(PackType.RUN.wire()) && r.packType().equals(PackType.RUN.wire())) {
            drift = contextDrift(l, r);
        }
        boolean contextChanged = !drift.equals("none");
        boolean anyChange = manifestDelta || !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty() || contextChanged;
        JsonObject summary = JsonObject.builder()
                .put("changed", anyChange)
                .putStringsOmitEmpty("added_files", added)
                .putStringsOmitEmpty("removed_files", removed)
                .putStringsOmitEmpty("changed_files", changed)
                .put("manifest_delta", manifestDelta)
                .putOmitEmpty("context_changed", contextChanged)
                .putOmitEmpty("context_runtime_only_changes", drift.equals("runtime_only"))
                .put("context_drift_classification", drift)
                .build();
        JsonObject json = JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("created_at", PackFiles.CREATED_AT_TEXT)
                .put("left_pack_id", l.packId())
                .put("right_pack_id", r.packId())
                .put("left_pack_type", l.packType())
                .put("right_pack_type", r.packType())
                .put("summary", summary)
                .build();
        return new Result(json, anyChange, manifestDelta, added, removed, changed, drift);
    }

    /**
     * {@code none} when the refs are the same; {@code runtime_only} when only retrieval times and the
     * context set digest moved, with the same evidence mode and count; else {@code semantic}. Without
     * readable refs on both sides, the payloads' context summaries are compared.
     */
    private static String contextDrift(Side l, Side r) {
        if (l.refs().isPresent() && r.refs().isPresent()) {
            boolean sameSummary = l.contextEvidenceMode().equals(r.contextEvidenceMode()) && l.contextRefCount() == r.contextRefCount();
            if (Digests.jcsHex(l.refs().get()).equals(Digests.jcsHex(r.refs().get())) && sameSummary
                    && l.contextSetDigest().equals(r.contextSetDigest())) {
                return "none";
            }
            boolean runtimeOnly = Digests.jcsHex(RunpackDiff.runtimeOnly(l.refs().get()))
                    .equals(Digests.jcsHex(RunpackDiff.runtimeOnly(r.refs().get())));
            return runtimeOnly && sameSummary ? "runtime_only" : "semantic";
        }
        boolean anyContext = !l.contextSetDigest().isEmpty() || !r.contextSetDigest().isEmpty() || l.contextRefCount() > 0
                || r.contextRefCount() > 0;
        boolean same = l.contextSetDigest().equals(r.contextSetDigest()) && l.contextEvidenceMode().equals(r.contextEvidenceMode())
                && l.contextRefCount() == r.contextRefCount();
        return anyContext && !same ? "semantic" : "none";
    }

    private static Side side(SafeZip zip, String path) {
        if (PackKind.of(zip, path) == PackKind.RUNPACK) {
            RunpackReader.Records records = RunpackReader.read(zip, path);
            Map<String, String> files = new TreeMap<>();
            records.manifest().array("files").orElse(JsonArray.EMPTY).elements().stream()
                    .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                    .forEach(file -> files.put(file.string("path").orElse(""), file.string("sha256").orElse("")));
            String digest = records.manifest().string("manifest_digest").orElse("");
            return runSide(digest, digest, files, records);
        }
        byte[] manifestBytes = zip.read(PackFiles.MANIFEST, PackFiles.MAX_ENTRY_BYTES);
        PackManifest manifest = PackManifest.parse(manifestBytes);
        Map<String, String> files = new TreeMap<>();
        manifest.contents().forEach(entry -> files.put(entry.path(), entry.sha256()));
        String manifestDigest = Digests.jcsHex(JsonReader.strict().read(manifestBytes));
        Optional<RunpackReader.Records> source = manifest.packType().equals(PackType.RUN.wire())
                ? PackInspector.sourceRunpack(zip) : Optional.empty();
        if (source.isPresent()) {
            return runSide(manifest.packId(), manifestDigest, files, source.get());
        }
        RunPayload payload = runPayload(zip, manifest);
        return new Side(manifest.packId(), manifest.packType(), manifestDigest, files, Optional.empty(),
                payload == null ? "" : payload.contextSetDigest().strip(), payload == null ? "" : payload.contextEvidenceMode().strip(),
                payload == null ? 0 : payload.contextRefCount());
    }

    private static Side runSide(String packId, String manifestDigest, Map<String, String> files, RunpackReader.Records records) {
        JsonObject refs = records.refs();
        long receipts = refs.array("receipts").orElse(JsonArray.EMPTY).size();
        return new Side(packId, PackType.RUN.wire(), manifestDigest, files, Optional.of(refs),
                refs.string("context_set_digest").orElse("").strip(), refs.string("context_evidence_mode").orElse("").strip(),
                refs.get("context_ref_count").map(v -> v instanceof JsonNumber n && n.value() > 0 ? (long) n.value() : receipts).orElse(receipts));
    }

    private static RunPayload runPayload(SafeZip zip, PackManifest manifest) {
        if (!manifest.packType().equals(PackType.RUN.wire()) || !zip.contains(PackFiles.RUN_PAYLOAD)) {
            return null;
        }
        try {
            return RunPayload.parse(zip.read(PackFiles.RUN_PAYLOAD, PackFiles.MAX_ENTRY_BYTES));
        } catch (JsonException e) {
            return null;
        }
    }

    private static List<String> onlyIn(Map<String, String> these, Map<String, String> others) {
        List<String> only = new ArrayList<>(these.keySet());
        only.removeAll(others.keySet());
        return only;
    }
}
