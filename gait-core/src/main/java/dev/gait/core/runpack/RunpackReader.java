package dev.gait.core.runpack;

import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.zip.SafeZip;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a runpack's records strictly: the pack must pass its integrity checks (every file hash and
 * the manifest digest) and every record must carry its schema id and version. A pack that fails is
 * invalid input, so commands that read packs never act on tampered data.
 *
 * <p>{@link #readUnvalidated} checks integrity only, as Gait v1's reader does, and leaves the record
 * schemas to the caller: regress grades a pack with foreign records instead of refusing it.
 */
public final class RunpackReader {

    private RunpackReader() {}

    /** The records of a runpack as JSON objects, in file order. */
    public record Records(JsonObject manifest, JsonObject run, List<JsonObject> intents, List<JsonObject> results,
                          JsonObject refs) {

        /**
         * The kinds of record ({@code run}, {@code refs}, {@code intent}, {@code result}) of which at
         * least one lacks its schema id or version, in that order. The manifest is checked on reading.
         */
        public List<String> invalidSchemas() {
            List<String> invalid = new ArrayList<>();
            if (!hasSchema(run, RunRecord.SCHEMA_ID)) {
                invalid.add("run");
            }
            if (!hasSchema(refs, RefsRecord.SCHEMA_ID)) {
                invalid.add("refs");
            }
            if (!intents.stream().allMatch(intent -> hasSchema(intent, IntentRecord.SCHEMA_ID))) {
                invalid.add("intent");
            }
            if (!results.stream().allMatch(result -> hasSchema(result, ResultRecord.SCHEMA_ID))) {
                invalid.add("result");
            }
            return invalid;
        }
    }

    public static Records read(SafeZip zip, String path) {
        Records records = readUnvalidated(zip, path);
        checked(records.run(), RunpackFiles.RUN, RunRecord.SCHEMA_ID);
        records.intents().forEach(intent -> checked(intent, RunpackFiles.INTENTS, IntentRecord.SCHEMA_ID));
        records.results().forEach(result -> checked(result, RunpackFiles.RESULTS, ResultRecord.SCHEMA_ID));
        checked(records.refs(), RunpackFiles.REFS, RefsRecord.SCHEMA_ID);
        return records;
    }

    /** Like {@link #read}, without checking the schema id and version of the payload records. */
    public static Records readUnvalidated(SafeZip zip, String path) {
        VerifyReport integrity = RunpackVerifier.verify(zip, path, List.of(), false);
        if (!integrity.integrityOk()) {
            throw GaitException.invalidInput("runpack " + path + " failed its integrity check: " + integrity.failure());
        }
        return new Records(
                RunpackVerifier.readManifest(zip),
                record(zip, RunpackFiles.RUN),
                lines(zip, RunpackFiles.INTENTS),
                lines(zip, RunpackFiles.RESULTS),
                record(zip, RunpackFiles.REFS));
    }

    private static JsonObject record(SafeZip zip, String name) {
        return parse(zip.read(name, RunpackFiles.MAX_ENTRY_BYTES), name);
    }

    private static List<JsonObject> lines(SafeZip zip, String name) {
        String text = new String(zip.read(name, RunpackFiles.MAX_ENTRY_BYTES), StandardCharsets.UTF_8);
        List<JsonObject> records = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (!line.isBlank()) {
                records.add(parse(line.getBytes(StandardCharsets.UTF_8), name + " line " + lineNumber));
            }
        }
        return records;
    }

    private static JsonObject parse(byte[] bytes, String where) {
        try {
            return JsonReader.strict().readObject(bytes);
        } catch (JsonException e) {
            throw GaitException.invalidInput(where + ": " + e.getMessage(), e);
        }
    }

    private static void checked(JsonObject record, String name, String schemaId) {
        if (!hasSchema(record, schemaId)) {
            throw GaitException.invalidInput(name + ": expected a " + schemaId + " " + RecordHeader.SCHEMA_VERSION + " record");
        }
    }

    private static boolean hasSchema(JsonObject record, String schemaId) {
        return record.string("schema_id").orElse("").equals(schemaId)
                && record.string("schema_version").orElse("").equals(RecordHeader.SCHEMA_VERSION);
    }
}
