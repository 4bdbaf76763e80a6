package dev.gait.core.regress;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.canon.GoTime;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonException;
import dev.gait.core.runpack.RunpackReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Grades regression fixtures as Gait v1 does. Per fixture the graders run in a fixed order:
 * {@code schema_validation}, {@code expected_exit_code}, {@code trajectory}, {@code diff}, then
 * {@code context_conformance} when asked for or when any fixture sets a context field. Grading is a
 * pure function of the fixture files: the result carries no clock time.
 */
public final class Regress {

    /** The {@code created_at} of a result whose first fixture's run has none (Go's zero time). */
    private static final OffsetDateTime UNDATED = OffsetDateTime.of(1980, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /**
     * @param contextConformance enforce context conformance for every fixture
     * @param allowContextRuntimeDrift accept runtime-only context drift where it is enforced
     */
    public record Options(boolean contextConformance, boolean allowContextRuntimeDrift) {}

    private Regress() {}

    /**
     * Grades one fixture, in grader order. Result names are {@code <fixture>/<grader>}, reason codes
     * are deduplicated and sorted, and {@code details} carry the fixture's name and run id. The pack
     * is graded as it is, without the identity checks of {@link #run}, so this also judges a
     * candidate (such as a reduced run) against a fixture's expectations.
     */
    public static List<GraderResult> grade(FixtureUnderTest fixture, Options options) {
        return grade(fixture, graders(options, List.of(fixture.fixture())));
    }

    /** Grades the fixtures {@code gait.yaml} lists; results are sorted by name. */
    public static RegressResult run(Path workDir, Path configFile, Options options, String producerVersion) {
        RegressConfig config = RegressConfig.read(configFile);
        List<Loaded> fixtures = new ArrayList<>();
        for (RegressConfig.Entry entry : config.fixtures()) {
            fixtures.add(load(workDir, entry));
        }
        if (fixtures.isEmpty()) {
            throw GaitException.invalidInput("no fixtures configured");
        }
        List<Grader> graders = graders(options, fixtures.stream().map(loaded -> loaded.fixture().fixture()).toList());
        List<GraderResult> results = new ArrayList<>();
        for (Loaded loaded : fixtures) {
            results.addAll(grade(loaded.fixture(), graders));
        }
        results.sort(Comparator.comparing(GraderResult::name, GoStrings.BYTE_ORDER));
        return new RegressResult(fixtures.getFirst().createdAt(), producerVersion, config.fixtureSet(), results);
    }

    static List<Grader> graders(Options options, List<Fixture> fixtures) {
        List<Grader> graders = new ArrayList<>(List.of(
                new SchemaValidationGrader(), new ExpectedExitCodeGrader(), new TrajectoryGrader(), new DiffGrader()));
        if (options.contextConformance() || fixtures.stream().anyMatch(Fixture::setsContextField)) {
            graders.add(new ContextConformanceGrader(options.contextConformance(), options.allowContextRuntimeDrift()));
        }
        return graders;
    }

    static List<GraderResult> grade(FixtureUnderTest fixture, List<Grader> graders) {
        Fixture metadata = fixture.fixture();
        List<GraderResult> results = new ArrayList<>();
        for (Grader grader : graders) {
            GraderResult result;
            try {
                result = grader.grade(fixture);
            } catch (Grader.Unreadable e) {
                result = grader.unreadable(e.reasonCode(), e.details());
            } catch (RuntimeException e) {
                result = GraderResult.fail(grader.name(), "grader_error", GraderResult.error(e));
            }
            results.add(new GraderResult(metadata.name() + "/" + result.name(), result.passed(),
                    uniqueSorted(result.reasonCodes()), result.contextConformance(),
                    result.details().toBuilder().put("fixture", metadata.name()).put("run_id", metadata.runId()).build()));
        }
        return results;
    }

    /** Trimmed, without blanks and duplicates, in Go's string order. */
    static List<String> uniqueSorted(List<String> values) {
        TreeSet<String> unique = new TreeSet<>(GoStrings.BYTE_ORDER);
        Trajectory.normalized(values).forEach(unique::add);
        return List.copyOf(unique);
    }

    /** A configured fixture with the {@code created_at} of its run. */
    private record Loaded(FixtureUnderTest fixture, OffsetDateTime createdAt) {}

    private static Loaded load(Path workDir, RegressConfig.Entry entry) {
        String name = entry.name();
        RunpackFile pack = RunpackFile.at(workDir, entry.runpack());
        if (!Files.exists(pack.path())) {
            throw GaitException.invalidInput("fixture runpack missing for " + name + ": " + pack.shown());
        }
        RunpackReader.Records records;
        try {
            records = pack.read();
        } catch (GaitException e) {
            throw new GaitException(e.category(), "read fixture runpack for " + name + ": " + e.getMessage(), e);
        } catch (JsonException e) {
            throw GaitException.invalidInput("read fixture runpack for " + name + ": " + e.getMessage(), e);
        }
        Fixture fixture;
        try {
            fixture = Fixture.read(pack.path().resolveSibling(Fixture.FILE_NAME));
        } catch (GaitException e) {
            throw new GaitException(e.category(), "read fixture metadata for " + name + ": " + e.getMessage(), e);
        }
        if (!fixture.name().equals(name)) {
            throw GaitException.invalidInput("fixture metadata name mismatch for " + name);
        }
        if (!entry.runId().isEmpty() && !fixture.runId().equals(entry.runId())) {
            throw GaitException.invalidInput("fixture run_id mismatch for " + name);
        }
        if (!records.run().string("run_id").orElse("").equals(fixture.runId())) {
            throw GaitException.invalidInput("runpack run_id mismatch for " + name);
        }
        return new Loaded(new FixtureUnderTest(workDir, entry.runpack(), fixture), createdAt(records, name));
    }

    /** The run's {@code created_at} in UTC; Go's zero time (or none) becomes 1980-01-01. */
    private static OffsetDateTime createdAt(RunpackReader.Records records, String name) {
        String text = records.run().string("created_at").orElse("");
        OffsetDateTime createdAt;
        try {
            createdAt = text.isEmpty() ? GoTime.ZERO : GoTime.parse(text);
        } catch (IllegalArgumentException e) {
            throw GaitException.invalidInput("read fixture runpack for " + name + ": run.json created_at: " + e.getMessage(), e);
        }
        return createdAt.toInstant().equals(GoTime.ZERO.toInstant()) ? UNDATED : createdAt.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
