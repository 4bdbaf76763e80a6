package dev.gait.core.regress;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonFields;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The regress configuration {@code gait.yaml} ({@code gait.regress.config} 1.0.0). Despite its name
 * it is JSON, as in Gait v1: YAML syntax fails to parse. {@code init}, {@code add} and
 * {@code bootstrap} regenerate it from {@code fixtures/*}{@code /fixture.json}, so hand edits do not
 * survive them.
 */
public record RegressConfig(String fixtureSet, List<Entry> fixtures) {

    public static final String FILE_NAME = "gait.yaml";
    public static final String SCHEMA_ID = "gait.regress.config";
    public static final String SCHEMA_VERSION = "1.0.0";
    public static final String FIXTURES_DIR = "fixtures";
    public static final String DEFAULT_FIXTURE_SET = "default";

    /** @param runpack the fixture's runpack, relative to the working directory */
    public record Entry(String name, String runId, String runpack) {
        JsonObject toJson() {
            return JsonObject.builder().put("name", name).put("run_id", runId).put("runpack", runpack).build();
        }
    }

    public RegressConfig {
        fixtures = fixtures.stream().sorted(Comparator.comparing(Entry::name, GoStrings.BYTE_ORDER)).toList();
    }

    /** Reads a configuration; empty schema members are accepted, other values than this schema's are not. */
    public static RegressConfig read(Path file) {
        String shown = file.toString();
        JsonFields json;
        try {
            json = JsonFields.of(JsonReader.lenient().readObject(InputFiles.read(file, InputFiles.DEFAULT_MAX_BYTES)), shown);
        } catch (GaitException e) {
            throw new GaitException(e.category(), "read config: " + e.getMessage(), e);
        } catch (JsonException e) {
            throw GaitException.invalidInput("parse config: " + e.getMessage(), e);
        }
        String schemaId = json.string("schema_id");
        if (!schemaId.isEmpty() && !schemaId.equals(SCHEMA_ID)) {
            throw GaitException.invalidInput("unsupported config schema_id: " + schemaId);
        }
        String schemaVersion = json.string("schema_version");
        if (!schemaVersion.isEmpty() && !schemaVersion.equals(SCHEMA_VERSION)) {
            throw GaitException.invalidInput("unsupported config schema_version: " + schemaVersion);
        }
        String fixtureSet = json.string("fixture_set");
        List<Entry> entries = new ArrayList<>();
        for (JsonFields fixture : json.objects("fixtures")) {
            Entry entry = new Entry(fixture.string("name"), fixture.string("run_id"), fixture.string("runpack"));
            if (GoStrings.trimSpace(entry.name()).isEmpty()) {
                throw GaitException.invalidInput("fixture name is required");
            }
            if (GoStrings.trimSpace(entry.runpack()).isEmpty()) {
                throw GaitException.invalidInput("fixture runpack is required for " + entry.name());
            }
            entries.add(entry);
        }
        return new RegressConfig(fixtureSet.isEmpty() ? DEFAULT_FIXTURE_SET : fixtureSet, entries);
    }

    /**
     * Rewrites {@code <workDir>/gait.yaml} from the fixture directories, sorted by name, with the
     * default fixture set. Directories whose name is not a fixture name, or that hold neither a
     * {@code fixture.json} nor a {@code runpack.zip}, belong to something else and are skipped.
     */
    public static void regenerate(Path workDir) {
        Path root = workDir.resolve(FIXTURES_DIR);
        List<Entry> entries = new ArrayList<>();
        for (Path directory : fixtureDirectories(root)) {
            String name = directory.getFileName().toString();
            Path metadata = directory.resolve(Fixture.FILE_NAME);
            if (!Files.exists(metadata)) {
                if (Files.exists(directory.resolve(Fixture.RUNPACK_FILE))) {
                    throw GaitException.invalidInput("fixture metadata missing for " + name);
                }
                continue;
            }
            Fixture fixture = Fixture.read(metadata);
            if (!fixture.name().equals(name)) {
                throw GaitException.invalidInput("fixture metadata name mismatch for " + name);
            }
            if (!isFileName(fixture.runpack())) {
                throw GaitException.invalidInput("fixture runpack path must be a filename for " + name);
            }
            if (!Files.isRegularFile(directory.resolve(fixture.runpack()))) {
                throw GaitException.invalidInput("fixture runpack missing for " + name + ": " + fixture.runpack());
            }
            entries.add(new Entry(name, fixture.runId(), FIXTURES_DIR + "/" + name + "/" + fixture.runpack()));
        }
        AtomicFiles.write(workDir.resolve(FILE_NAME), new RegressConfig(DEFAULT_FIXTURE_SET, entries).toBytes());
    }

    private static List<Path> fixtureDirectories(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children
                    .filter(child -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS))
                    .filter(child -> FixtureName.isValid(child.getFileName().toString()))
                    .sorted() // by name, so the first problem reported does not depend on the file system
                    .toList();
        } catch (IOException e) {
            throw GaitException.io("list fixtures: " + e.getMessage(), e);
        }
    }

    private static boolean isFileName(String name) {
        return !name.contains("/") && !name.contains("\\") && !name.equals(".") && !name.equals("..");
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", SCHEMA_VERSION)
                .put("fixture_set", fixtureSet)
                .put("fixtures", new JsonArray(fixtures.stream().<JsonValue>map(Entry::toJson).toList()))
                .build();
    }

    public byte[] toBytes() {
        return IndentedJson.bytes(toJson());
    }
}
