package dev.gait.core.regress;

import dev.gait.core.error.ExitCode;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.replay.Replay;
import java.util.List;

/**
 * Replays the fixture's runpack with stubs and compares the exit code {@code gait run replay} would
 * give (2 when any result is missing, else 0) with {@code expected_replay_exit_code}.
 */
final class ExpectedExitCodeGrader implements Grader {

    static final String NAME = "expected_exit_code";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GraderResult grade(FixtureUnderTest fixture) {
        Replay.Report replay;
        try {
            replay = Replay.run(fixture.pack().read(), Replay.Plan.STUB);
        } catch (GaitException | JsonException e) {
            return GraderResult.fail(NAME, "replay_error", GraderResult.error(e));
        }
        long expected = fixture.fixture().expectedReplayExitCode();
        int actual = replay.ok() ? ExitCode.OK.code() : ExitCode.VERIFICATION_FAILED.code();
        JsonObject details = JsonObject.builder()
                .put("expected_exit_code", expected)
                .put("actual_exit_code", actual)
                .putStrings("missing_results", replay.missingResults())
                .build();
        return expected == actual ? GraderResult.pass(NAME, List.of(), details)
                : GraderResult.fail(NAME, "unexpected_exit_code", details);
    }
}
