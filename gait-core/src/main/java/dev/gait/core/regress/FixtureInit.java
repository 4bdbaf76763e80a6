package dev.gait.core.regress;

import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.runpack.RunpackVerifier;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.zip.SafeZip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Turns a runpack into a regression fixture: {@code fixtures/<name>/runpack.zip} (a byte copy,
 * mode 0600) and {@code fixtures/<name>/fixture.json} with the expectations derived from the run,
 * then regenerates {@code gait.yaml}. A fixture of the same name is replaced.
 */
public final class FixtureInit {

    /** Larger than any runpack Gait writes (each entry is capped at 100 MiB). */
    private static final int MAX_RUNPACK_BYTES = 512 * 1024 * 1024;

    /**
     * Where a fixture comes from.
     *
     * @param sessionChain the session chain the runpack is a checkpoint of, as given; empty for a plain runpack
     */
    public record Source(Path runpack, String shown, String sessionChain, long checkpointIndex) {}

    /** What was written; paths are relative to the working directory. */
    public record Created(String runId, String fixtureName, String fixtureDir, String runpackPath, String configPath) {}

    private FixtureInit() {}

    /** @param requestedName the fixture name, or empty to derive it from the run id */
    public static Created create(Path workDir, Source source, String requestedName) {
        // One read: the bytes verified are the bytes copied.
        byte[] pack = InputFiles.read(source.runpack(), MAX_RUNPACK_BYTES);
        RunpackReader.Records records;
        try (SafeZip zip = SafeZip.open(pack, source.shown())) {
            VerifyReport integrity = RunpackVerifier.verify(zip, source.shown(), List.of(), false);
            if (!integrity.integrityOk()) {
                throw GaitException.invalidInput("source runpack failed integrity checks: " + integrity.failure());
            }
            records = RunpackReader.readUnvalidated(zip, source.shown());
        }
        String runId = records.manifest().string("run_id").orElse("");
        String name = requestedName.isEmpty() ? FixtureName.fromRunId(runId) : requestedName;
        if (!FixtureName.isValid(name)) {
            throw GaitException.invalidInput("invalid fixture name: " + name);
        }
        String fixtureDir = RegressConfig.FIXTURES_DIR + "/" + name;
        Path directory = createDirectory(workDir.resolve(fixtureDir));
        AtomicFiles.write(directory.resolve(Fixture.RUNPACK_FILE), pack);
        Fixture fixture = Fixture.of(name, records, source.sessionChain(), source.checkpointIndex());
        AtomicFiles.write(directory.resolve(Fixture.FILE_NAME), fixture.toBytes());
        RegressConfig.regenerate(workDir);
        return new Created(runId, name, fixtureDir, fixtureDir + "/" + Fixture.RUNPACK_FILE, RegressConfig.FILE_NAME);
    }

    /** Fixture directories are private to their owner's group (0750), as in Gait v1. */
    private static Path createDirectory(Path directory) {
        try {
            try {
                return Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
            } catch (UnsupportedOperationException e) {
                return Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw GaitException.io("create fixture directory " + directory + ": " + e.getMessage(), e);
        }
    }
}
