package dev.gait.core.guard;

import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.runpack.RunpackReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code pack_inputs.json} ({@code gait.guard.pack_inputs} 1.0.0, ours): the runpack and every
 * input file a pack was built from, named by digest, each with the entry it became. The entry is
 * hashed into {@code contents}, so the signature covers it and the pack is a link in a provenance
 * chain: anyone holding an input can check it is the one the pack summarises.
 */
public final class PackInputs {
    static final String SCHEMA_ID = "gait.guard.pack_inputs";

    private static final Set<String> MEMBERS = Set.of("schema_id", "schema_version", "run_id", "runpack", "inputs");
    private static final Set<String> RUNPACK_MEMBERS = Set.of("name", "sha256", "manifest_digest");
    private static final Set<String> INPUT_MEMBERS = Set.of("kind", "name", "sha256", "entry", "trace_id");

    private PackInputs() {}

    /** The runpack a pack was built from: its file name, file SHA-256 and manifest digest. */
    public record RunpackSource(String name, String sha256, String manifestDigest) {

        /** Hashes the runpack file as it lies on disk, streamed. */
        public static RunpackSource of(Path file, RunpackReader.Records records) {
            MessageDigest digest = Digests.newSha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw GaitException.io("cannot read " + file + ": " + e.getMessage(), e);
            }
            return new RunpackSource(file.getFileName().toString(), Digests.toHex(digest.digest()),
                    records.manifest().string("manifest_digest").orElse(""));
        }
    }

    /** One declared input and the pack entry it became. */
    record Declared(InputDocument document, String entry) {
        JsonObject toJson() {
            return JsonObject.builder()
                    .put("kind", document.kind().wire())
                    .put("name", document.name())
                    .put("sha256", document.sha256())
                    .put("entry", entry)
                    .putOmitEmpty("trace_id", document.traceId())
                    .build();
        }
    }

    static JsonObject toJson(String runId, RunpackSource runpack, List<Declared> inputs) {
        return JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", GuardManifest.SCHEMA_VERSION)
                .put("run_id", runId)
                .put("runpack", JsonObject.builder()
                        .put("name", runpack.name())
                        .put("sha256", runpack.sha256())
                        .put("manifest_digest", runpack.manifestDigest())
                        .build())
                .put("inputs", new JsonArray(inputs.stream().<JsonValue>map(Declared::toJson).toList()))
                .build();
    }

    /**
     * Checks the declaration against the pack: same run, the runpack digest its summary names, every
     * declared entry present and of its kind, every derived entry declared, and the trace ids the
     * trace summary lists. Returns what does not hold; empty when everything does.
     *
     * @param runpackSummary {@code runpack_summary.json}, or null when the pack has none
     * @param traceSummary {@code trace_summary.json}, or null when the pack has none
     */
    static List<String> check(JsonObject declared, String runId, Set<String> contents, JsonObject runpackSummary,
                              JsonObject traceSummary) {
        List<String> errors = new ArrayList<>();
        unexpected(declared, MEMBERS, PackFiles.INPUTS, errors);
        if (!declared.string("schema_id").orElse("").equals(SCHEMA_ID)
                || !declared.string("schema_version").orElse("").equals(GuardManifest.SCHEMA_VERSION)) {
            errors.add(PackFiles.INPUTS + " is not a " + SCHEMA_ID + " " + GuardManifest.SCHEMA_VERSION);
        }
        if (!declared.string("run_id").orElse("").equals(runId)) {
            errors.add(PackFiles.INPUTS + " names run " + declared.string("run_id").orElse("") + ", the manifest " + runId);
        }
        checkRunpack(declared.object("runpack").orElse(JsonObject.EMPTY), runpackSummary, errors);
        List<String> declaredTraceIds = new ArrayList<>();
        List<String> claimed = new ArrayList<>();
        for (JsonValue value : declared.array("inputs").orElse(JsonArray.EMPTY).elements()) {
            JsonObject input = value instanceof JsonObject object ? object : JsonObject.EMPTY;
            unexpected(input, INPUT_MEMBERS, "an input", errors);
            InputKind kind = InputKind.parse(input.string("kind").orElse(""));
            String entry = input.string("entry").orElse("");
            String name = input.string("name").orElse("");
            if (kind == null || !Digests.isSha256Hex(input.string("sha256").orElse("")) || name.isEmpty()) {
                errors.add("input " + name + " lacks a known kind, a name or a sha256");
            } else if (!contents.contains(entry) || !kind.derives(entry)) {
                errors.add("input " + name + " names entry " + entry + ", which the pack does not hold as " + kind.wire());
            } else if (kind == InputKind.TRACE) {
                declaredTraceIds.add(input.string("trace_id").orElse(""));
            }
            claimed.add(entry);
        }
        for (String path : contents) {
            boolean derived = Arrays.stream(InputKind.values()).anyMatch(kind -> kind.derives(path));
            if (derived && !claimed.contains(path)) {
                errors.add("entry " + path + " is not derived from any declared input");
            }
        }
        checkTraceIds(declaredTraceIds, traceSummary, errors);
        return errors;
    }

    private static void checkRunpack(JsonObject runpack, JsonObject runpackSummary, List<String> errors) {
        unexpected(runpack, RUNPACK_MEMBERS, "the runpack source", errors);
        String digest = runpack.string("manifest_digest").orElse("");
        if (!Digests.isSha256Hex(digest) || !Digests.isSha256Hex(runpack.string("sha256").orElse(""))) {
            errors.add("the runpack source lacks its sha256 or manifest_digest");
        } else if (runpackSummary == null || !digest.equals(runpackSummary.string("manifest_digest").orElse(""))) {
            errors.add("declared runpack manifest_digest " + digest + " is not the one " + PackFiles.RUNPACK_SUMMARY + " names");
        }
    }

    private static void checkTraceIds(List<String> declared, JsonObject traceSummary, List<String> errors) {
        List<String> summarised = new ArrayList<>();
        if (traceSummary != null) {
            for (JsonValue line : traceSummary.array("traces").orElse(JsonArray.EMPTY).elements()) {
                summarised.add(line instanceof JsonObject object ? object.string("trace_id").orElse("") : "");
            }
        }
        declared.sort(null);
        summarised.sort(null);
        if (!declared.equals(summarised)) {
            errors.add("declared trace ids " + declared + " are not those " + PackFiles.TRACE_SUMMARY + " lists " + summarised);
        }
    }

    private static void unexpected(JsonObject object, Set<String> allowed, String what, List<String> errors) {
        object.members().keySet().stream().filter(member -> !allowed.contains(member)).sorted()
                .forEach(member -> errors.add(what + " has unexpected member " + member));
    }
}
