package dev.gait.core.guard;

import dev.gait.core.canon.GoTime;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One input file of a guard pack: its base name, the SHA-256 of its bytes (what the pack declares)
 * and its JSON, which must carry the schema id of its kind.
 */
public record InputDocument(InputKind kind, String name, String sha256, JsonObject json) {

    /** Reads {@code path}; the pack records only its base name, never where it lay. */
    public static InputDocument load(InputKind kind, Path path) {
        return read(kind, path.getFileName().toString(), InputFiles.read(path, InputFiles.DEFAULT_MAX_BYTES));
    }

    static InputDocument read(InputKind kind, String name, byte[] bytes) {
        JsonObject json;
        try {
            json = JsonReader.strict().readObject(bytes);
        } catch (JsonException e) {
            throw GaitException.invalidInput(name + ": " + e.getMessage(), e);
        }
        if (!json.string("schema_id").orElse("").equals(kind.schemaId())) {
            throw GaitException.invalidInput(name + ": expected a " + kind.schemaId() + " document");
        }
        return new InputDocument(kind, name, Digests.sha256Hex(bytes), json);
    }

    public String traceId() {
        return json.string("trace_id").orElse("");
    }

    /** The document's {@code created_at}, when it is a valid RFC 3339 time. */
    public Optional<Instant> createdAt() {
        try {
            return json.string("created_at").map(text -> GoTime.parse(text).toInstant());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
