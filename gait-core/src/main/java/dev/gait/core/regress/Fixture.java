package dev.gait.core.regress;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonFields;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.runpack.RunpackReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A regression fixture's {@code fixture.json} ({@code gait.regress.fixture} 1.0.0): which runpack
 * it holds and what grading expects of it. Members are written in Gait v1's order; the optional ones
 * only when set.
 *
 * @param runpack the fixture's runpack, a file name in the fixture directory
 * @param candidateRunpack the runpack to compare with, relative to the fixture directory; empty for the fixture's own
 * @param contextConformance {@code required}, {@code none} or empty
 */
public record Fixture(
        String name, String runId, String runpack, long expectedReplayExitCode,
        List<String> expectedToolSequence, List<String> expectedVerdictSequence, String candidateRunpack,
        String contextConformance, boolean allowContextRuntimeDrift, String expectedContextSetDigest,
        List<String> diffAllowChangedFiles, String sessionChain, long checkpointIndex) {

    public static final String SCHEMA_ID = "gait.regress.fixture";
    public static final String SCHEMA_VERSION = "1.0.0";
    public static final String FILE_NAME = "fixture.json";
    public static final String RUNPACK_FILE = "runpack.zip";

    private static final Pattern SHA256_HEX = Pattern.compile("^[a-fA-F0-9]{64}$");

    public Fixture {
        expectedToolSequence = List.copyOf(expectedToolSequence);
        expectedVerdictSequence = List.copyOf(expectedVerdictSequence);
        diffAllowChangedFiles = List.copyOf(diffAllowChangedFiles);
    }

    /**
     * A new fixture for a recorded run: expects replay exit 0 and the run's own tool and verdict
     * sequences, and requires context conformance when the run recorded a context set digest.
     */
    static Fixture of(String name, RunpackReader.Records records, String sessionChain, long checkpointIndex) {
        String contextDigest = GoStrings.trimSpace(records.refs().string("context_set_digest").orElse(""));
        return new Fixture(name, records.manifest().string("run_id").orElse(""), RUNPACK_FILE, 0,
                Trajectory.toolSequence(records), Trajectory.verdictSequence(records), "",
                contextDigest.isEmpty() ? "" : "required", false, contextDigest, List.of(), sessionChain, checkpointIndex);
    }

    /** The same expectations judged against another runpack (relative to the fixture directory; empty for its own). */
    public Fixture withCandidateRunpack(String candidate) {
        return new Fixture(name, runId, runpack, expectedReplayExitCode, expectedToolSequence, expectedVerdictSequence, candidate,
                contextConformance, allowContextRuntimeDrift, expectedContextSetDigest, diffAllowChangedFiles, sessionChain, checkpointIndex);
    }

    /** Reads and normalizes a {@code fixture.json}; incomplete or contradictory metadata is invalid input. */
    public static Fixture read(Path file) {
        String shown = file.toString();
        JsonFields json;
        try {
            json = JsonFields.of(JsonReader.lenient().readObject(InputFiles.read(file, InputFiles.DEFAULT_MAX_BYTES)), shown);
        } catch (JsonException e) {
            throw GaitException.invalidInput("parse fixture metadata: " + e.getMessage(), e);
        }
        Fixture fixture = new Fixture(json.string("name"), json.string("run_id"), json.string("runpack"),
                json.integer("expected_replay_exit_code"),
                Trajectory.normalized(json.strings("expected_tool_sequence")),
                Trajectory.normalizeVerdicts(json.strings("expected_verdict_sequence"), shown),
                json.string("candidate_runpack"),
                GoStrings.trimSpace(json.string("context_conformance")).toLowerCase(Locale.ROOT),
                json.bool("allow_context_runtime_drift"),
                GoStrings.trimSpace(json.string("expected_context_set_digest")),
                json.strings("diff_allow_changed_files"), json.string("session_chain"), json.integer("checkpoint_index"));
        fixture.check(shown);
        return fixture;
    }

    private void check(String shown) {
        if (name.isEmpty() || runId.isEmpty() || runpack.isEmpty()) {
            throw GaitException.invalidInput("fixture metadata incomplete: " + shown);
        }
        if (expectedReplayExitCode < 0) {
            throw GaitException.invalidInput("fixture expected_replay_exit_code must be >= 0: " + shown);
        }
        if (checkpointIndex < 0) {
            throw GaitException.invalidInput("fixture checkpoint_index must be >= 0: " + shown);
        }
        if (!List.of("", "required", "none").contains(contextConformance)) {
            throw GaitException.invalidInput("fixture context_conformance must be one of required|none: " + shown);
        }
        if (!expectedContextSetDigest.isEmpty() && !SHA256_HEX.matcher(expectedContextSetDigest).matches()) {
            throw GaitException.invalidInput("fixture expected_context_set_digest must be sha256 hex: " + shown);
        }
    }

    /** Whether the fixture asks for context conformance, which then runs for every fixture. */
    public boolean setsContextField() {
        return !contextConformance.isEmpty() || !expectedContextSetDigest.isEmpty() || allowContextRuntimeDrift;
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", SCHEMA_VERSION)
                .put("name", name)
                .put("run_id", runId)
                .put("runpack", runpack)
                .put("expected_replay_exit_code", expectedReplayExitCode)
                .putStringsOmitEmpty("expected_tool_sequence", expectedToolSequence)
                .putStringsOmitEmpty("expected_verdict_sequence", expectedVerdictSequence)
                .putOmitEmpty("candidate_runpack", candidateRunpack)
                .putOmitEmpty("context_conformance", contextConformance)
                .putOmitEmpty("allow_context_runtime_drift", allowContextRuntimeDrift)
                .putOmitEmpty("expected_context_set_digest", expectedContextSetDigest)
                .putStringsOmitEmpty("diff_allow_changed_files", diffAllowChangedFiles)
                .putOmitEmpty("session_chain", sessionChain)
                .putOmitEmpty("checkpoint_index", checkpointIndex)
                .build();
    }

    public byte[] toBytes() {
        return IndentedJson.bytes(toJson());
    }
}
