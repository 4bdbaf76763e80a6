package dev.gait.core.pack;

import dev.gait.core.canon.GoTime;
import dev.gait.core.runpack.RunpackFiles;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** Entry names, entry types and fixed values of PackSpec v1 packs. */
public final class PackFiles {
    public static final String MANIFEST = "pack_manifest.json";
    public static final String PROOF_RECORDS = "proof_records.jsonl";
    public static final String RUN_PAYLOAD = "run_payload.json";
    public static final String SOURCE_RUNPACK = "source/runpack.zip";
    public static final String CONTEXT_ENVELOPE = "context_envelope.json";
    /** This project's signed provenance: an in-toto Statement in a DSSE envelope, one JSON line. */
    public static final String ATTESTATION = "attestation.intoto.jsonl";
    /** Where inputs named with {@code --input} are kept, under their file names. */
    public static final String INPUTS_DIRECTORY = "inputs/";

    /** The entry size limit of every Gait reader. */
    public static final long MAX_ENTRY_BYTES = RunpackFiles.MAX_ENTRY_BYTES;

    /** Every Gait-built pack is dated 1980-01-01T00:00:00Z, so the same content gives the same pack. */
    public static final OffsetDateTime CREATED_AT = OffsetDateTime.of(1980, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    public static final String CREATED_AT_TEXT = GoTime.format(CREATED_AT);

    private PackFiles() {}

    public static String fileName(String packId) {
        return "pack_" + packId + ".zip";
    }

    /** The {@code contents[].type} of an entry: by extension json, jsonl, zip, else blob. */
    public static String entryType(String path) {
        String lower = path.strip().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return "json";
        }
        if (lower.endsWith(".jsonl")) {
            return "jsonl";
        }
        return lower.endsWith(".zip") ? "zip" : "blob";
    }
}
