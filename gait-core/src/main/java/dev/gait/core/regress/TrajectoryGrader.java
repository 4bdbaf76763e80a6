package dev.gait.core.regress;

import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RunpackReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the candidate's tool and verdict sequences with the fixture's expected ones. An empty
 * expected sequence is not checked; a non-empty one must match exactly, and the details say where
 * they first differ.
 */
final class TrajectoryGrader implements Grader {

    static final String NAME = "trajectory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GraderResult grade(FixtureUnderTest fixture) {
        RunpackFile candidate = Grader.input(fixture::candidate, "candidate_path_invalid");
        RunpackReader.Records records = Grader.input(candidate::read, "candidate_runpack_invalid");
        Fixture expected = fixture.fixture();
        JsonObject.Builder details = JsonObject.builder().put("candidate_runpack", candidate.shown());
        List<String> failures = new ArrayList<>();
        compare("tool", expected.expectedToolSequence(), Trajectory.toolSequence(records), details, failures);
        compare("verdict", expected.expectedVerdictSequence(), Trajectory.verdictSequence(records), details, failures);
        if (!failures.isEmpty()) {
            return new GraderResult(NAME, false, failures, "", details.build());
        }
        boolean required = !expected.expectedToolSequence().isEmpty() || !expected.expectedVerdictSequence().isEmpty();
        return GraderResult.pass(NAME, List.of(required ? "trajectory_match" : "trajectory_not_required"), details.build());
    }

    private static void compare(String kind, List<String> expected, List<String> actual, JsonObject.Builder details,
                                List<String> failures) {
        details.putStrings("expected_" + kind + "_sequence", expected).putStrings("actual_" + kind + "_sequence", actual);
        if (expected.isEmpty()) {
            return;
        }
        Trajectory.firstMismatch(expected, actual).ifPresent(mismatch -> {
            failures.add("unexpected_" + kind + "_sequence");
            details.put("first_" + kind + "_mismatch_index", mismatch.index())
                    .put("first_" + kind + "_mismatch_expected", mismatch.expected())
                    .put("first_" + kind + "_mismatch_actual", mismatch.actual());
        });
    }
}
