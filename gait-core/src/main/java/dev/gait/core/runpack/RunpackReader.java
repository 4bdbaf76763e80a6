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
 */
public final class RunpackReader {

    private RunpackReader() {}

    /** The records of a runpack as JSON objects, in file order. */
    public record Records(JsonObject manifest, JsonObject run, List<JsonObject> intents, List<JsonObject> results,
                          JsonObject refs) {}

    public static Records read(SafeZip zip, String path) {
        VerifyReport integrity = RunpackVerifier.verify(zip, path, List.of(), false);
        if (!integrity.integrityOk()) {
            throw GaitException.invalidInput("runpack " + path + " failed its integrity check: " + integrity.failure());
        }
        return new Records(
                RunpackVerifier.readManifest(zip),
                record(zip, RunpackFiles.RUN, RunRecord.SCHEMA_ID),
                lines(zip, RunpackFiles.INTENTS, IntentRecord.SCHEMA_ID),
                lines(zip, RunpackFiles.RESULTS, ResultRecord.SCHEMA_ID),
                record(zip, RunpackFiles.REFS, RefsRecord.SCHEMA_ID));
    }

    private static JsonObject record(SafeZip zip, String name, String schemaId) {
        return checked(parse(zip.read(name, RunpackFiles.MAX_ENTRY_BYTES), name), name, schemaId);
    }

    private static List<JsonObject> lines(SafeZip zip, String name, String schemaId) {
        String text = new String(zip.read(name, RunpackFiles.MAX_ENTRY_BYTES), StandardCharsets.UTF_8);
        List<JsonObject> records = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (!line.isBlank()) {
                records.add(checked(parse(line.getBytes(StandardCharsets.UTF_8), name + " line " + lineNumber), name, schemaId));
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

    private static JsonObject checked(JsonObject record, String name, String schemaId) {
        if (!record.string("schema_id").orElse("").equals(schemaId)
                || !record.string("schema_version").orElse("").equals(RecordHeader.SCHEMA_VERSION)) {
            throw GaitException.invalidInput(name + ": expected a " + schemaId + " " + RecordHeader.SCHEMA_VERSION + " record");
        }
        return record;
    }
}
