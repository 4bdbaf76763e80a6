package dev.gait.core.reduce;

import dev.gait.core.regress.Fixture;
import dev.gait.core.regress.FixtureUnderTest;
import dev.gait.core.regress.GraderResult;
import dev.gait.core.regress.Regress;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code grader_failure}: a regress fixture's expectations still fail on the candidate. The
 * candidate takes the place of the fixture's runpack and is graded with the fixture's graders
 * (replay exit code, tool and verdict sequences, schemas, context); the predicate holds when a
 * grader fails, or only the named grader when one is given.
 */
public final class GraderFailure implements ReducePredicate {
    public static final String NAME = "grader_failure";

    private final Fixture fixture;
    private final String grader;
    private final CandidateFiles candidates = new CandidateFiles();

    /** @param grader a grader name such as {@code trajectory}, or empty for any */
    public GraderFailure(Fixture fixture, String grader) {
        this.fixture = fixture.withCandidateRunpack("");
        this.grader = grader;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean holds(Candidate candidate) {
        Path pack = candidates.write(candidate.record());
        List<GraderResult> results = Regress.grade(new FixtureUnderTest(pack.getParent(), pack.getFileName().toString(), fixture),
                new Regress.Options(false, false));
        return results.stream().anyMatch(result -> !result.passed()
                && (grader.isEmpty() || result.name().endsWith("/" + grader)));
    }

    @Override
    public void close() {
        candidates.close();
    }
}
