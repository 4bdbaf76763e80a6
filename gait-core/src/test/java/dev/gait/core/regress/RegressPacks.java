package dev.gait.core.regress;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.runpack.DemoRun;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunpackFiles;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.zip.DeterministicZip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Runpacks and fixtures for regress tests, written as real files. */
final class RegressPacks {

    private RegressPacks() {}

    /** The demo run: tool.search, tool.fetch, tool.summarize, each answered ok. */
    static RecordInput demo() {
        return DemoRun.input("0.0.0-dev");
    }

    static RecordInput createdAt(RecordInput input, OffsetDateTime createdAt) {
        RecordInput.Run run = input.run();
        return new RecordInput(new RecordInput.Run(run.schemaId(), run.schemaVersion(), createdAt, run.producerVersion(),
                run.runId(), run.env(), run.timeline()), input.intents(), input.results(), input.refs(), input.captureMode(),
                input.intentArgs(), input.resultPayloads());
    }

    static RecordInput status(RecordInput input, String intentId, String status) {
        return input.withResults(input.results().stream()
                .map(r -> r.intentId().equals(intentId) ? new RecordInput.Result(r.intentId(), status, "", r.result()) : r)
                .toList());
    }

    static RecordInput withoutResult(RecordInput input, String intentId) {
        return input.withResults(input.results().stream().filter(r -> !r.intentId().equals(intentId)).toList());
    }

    static Map<String, byte[]> entries(RecordInput input) {
        return new LinkedHashMap<>(new RunpackRecorder(Clock.systemUTC()).record(input, null, null).entries());
    }

    static Path write(Path file, RecordInput input) {
        return write(file, entries(input));
    }

    static Path write(Path file, Map<String, byte[]> entries) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, DeterministicZip.write(entries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entries with one payload replaced and the manifest hashed again, so the pack stays intact. */
    static Map<String, byte[]> replacedIntact(Map<String, byte[]> entries, String name, byte[] content) {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(name, content);
        JsonObject manifest = JsonReader.strict().readObject(entries.get(RunpackFiles.MANIFEST));
        List<JsonValue> files = new ArrayList<>();
        for (JsonValue file : manifest.array("files").orElseThrow().elements()) {
            JsonObject entry = (JsonObject) file;
            files.add(entry.string("path").orElseThrow().equals(name)
                    ? entry.toBuilder().put("sha256", Digests.sha256Hex(content)).build() : entry);
        }
        JsonObject rehashed = manifest.toBuilder().put("files", new JsonArray(files)).put("manifest_digest", "").build();
        changed.put(RunpackFiles.MANIFEST,
                Jcs.canonicalize(rehashed.toBuilder().put("manifest_digest", Digests.jcsHex(rehashed)).build()));
        return changed;
    }

    /** Makes a fixture of a pack written at {@code source} (outside the fixtures directory). */
    static FixtureInit.Created init(Path workDir, Path source, String name) {
        return FixtureInit.create(workDir, new FixtureInit.Source(source, source.toString(), "", 0), name);
    }

    static Path fixtureFile(Path workDir, String name) {
        return workDir.resolve("fixtures").resolve(name).resolve(Fixture.FILE_NAME);
    }

    /** Rewrites a fixture's {@code fixture.json} as a user would edit it. */
    static void editFixture(Path workDir, String name, UnaryOperator<JsonObject.Builder> edit) {
        Path file = fixtureFile(workDir, name);
        try {
            JsonObject json = JsonReader.strict().readObject(Files.readAllBytes(file));
            Files.writeString(file, JsonWriter.GO_STRUCT_INDENTED.write(edit.apply(json.toBuilder()).build()) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FixtureUnderTest underTest(Path workDir, String name) {
        return new FixtureUnderTest(workDir, "fixtures/" + name + "/runpack.zip", Fixture.read(fixtureFile(workDir, name)));
    }
}
