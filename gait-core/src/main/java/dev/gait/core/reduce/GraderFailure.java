package dev.gait.core.reduce;

import dev.gait.core.regress.Fixture;
import dev.gait.core.regress.FixtureUnderTest;
import dev.gait.core.regress.GraderResult;
import dev.gait.core.regress.Regress;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code grader_failure}: a regress fixture's expectations still fail on the candidate **the same
 * way** they fail on the whole run. The candidate takes the place of the fixture's runpack and is
 * graded with the fixture's graders (replay exit code, tool and verdict sequences, schemas,
 * context); the predicate holds when the failing graders and their reason codes (only the named
 * grader's, when one is given) are exactly those of the whole run, so the reduction keeps the
 * steps behind that failure rather than any failure.
 */
public final class GraderFailure implements ReducePredicate {
    public static final String NAME = "grader_failure";

    private final Fixture fixture;
    private final String grader;
    private final List<String> failure;
    private final CandidateFiles candidates = new CandidateFiles();

    /**
     * @param grader a grader name such as {@code trajectory}, or empty for any
     * @param run the whole run's runpack, whose failure the reduction keeps
     */
    public GraderFailure(Fixture fixture, String grader, Path run) {
        this.fixture = fixture.withCandidateRunpack("");
        this.grader = grader;
        this.failure = failure(run);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean holds(Candidate candidate) {
        return !failure.isEmpty() && failure.equals(failure(candidates.write(candidate.record())));
    }

    /** The failing graders of a runpack judged by the fixture, each with its reason codes, in grader order. */
    private List<String> failure(Path pack) {
        List<GraderResult> results = Regress.grade(new FixtureUnderTest(pack.toAbsolutePath().getParent(),
                pack.getFileName().toString(), fixture), new Regress.Options(false, false));
        return results.stream()
                .filter(result -> !result.passed() && (grader.isEmpty() || result.name().endsWith("/" + grader)))
                .map(result -> result.name() + ":" + String.join(",", result.reasonCodes()))
                .toList();
    }

    @Override
    public void close() {
        candidates.close();
    }
}
