package dev.gait.core.regress;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RunpackDiff;
import dev.gait.core.runpack.RunpackReader;
import java.util.List;

/**
 * Checks the candidate's context evidence against the fixture's: the context set digest and the
 * drift of the refs ({@code none}, {@code runtime_only} or {@code semantic}, as {@code run diff}
 * classifies it). It enforces when asked to for every fixture, when the fixture requires it, or when
 * the fixture pins a digest; otherwise it reports what it saw and passes.
 */
final class ContextConformanceGrader implements Grader {

    static final String NAME = "context_conformance";

    private final boolean enforceAll;
    private final boolean allowRuntimeDrift;

    ContextConformanceGrader(boolean enforceAll, boolean allowRuntimeDrift) {
        this.enforceAll = enforceAll;
        this.allowRuntimeDrift = allowRuntimeDrift;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GraderResult grade(FixtureUnderTest fixture) {
        RunpackFile candidate = Grader.input(fixture::candidate, "candidate_path_invalid");
        RunpackReader.Records source = Grader.input(() -> fixture.pack().read(), "source_runpack_invalid");
        RunpackReader.Records other = Grader.input(candidate::read, "candidate_runpack_invalid");
        RunpackDiff.Summary drift = RunpackDiff.diff(source, other, RunpackDiff.Privacy.FULL);
        String classification = drift.contextDriftClassification();
        String candidateDigest = other.refs().string("context_set_digest").orElse("");
        JsonObject details = JsonObject.builder()
                .put("candidate_runpack", candidate.shown())
                .put("context_set_digest_fixture", source.refs().string("context_set_digest").orElse(""))
                .put("context_set_digest_candidate", candidateDigest)
                .put("context_changed", drift.refsChanged())
                .put("context_runtime_only", drift.contextRuntimeOnlyChanges())
                .build();

        Fixture expected = fixture.fixture();
        String expectedDigest = expected.expectedContextSetDigest();
        if (!expectedDigest.isEmpty() && !candidateDigest.equalsIgnoreCase(expectedDigest) && !classification.equals("runtime_only")) {
            return failed("context_set_digest_mismatch", "semantic", details);
        }
        boolean enforce = enforceAll || expected.contextConformance().equals("required") || !expectedDigest.isEmpty();
        if (!enforce) {
            return GraderResult.pass(NAME, List.of("context_conformance_not_required"), details).withContextConformance(classification);
        }
        if (GoStrings.trimSpace(candidateDigest).isEmpty()) {
            return failed("context_evidence_missing", "missing", details);
        }
        if (classification.equals("semantic")) {
            return failed("context_semantic_drift", "semantic", details);
        }
        if (classification.equals("runtime_only") && !(allowRuntimeDrift || expected.allowContextRuntimeDrift())) {
            return failed("context_runtime_drift_blocked", "runtime_only", details);
        }
        return GraderResult.pass(NAME, List.of("context_conformance_pass"), details).withContextConformance(classification);
    }

    /** An unreadable input leaves nothing to compare: conformance {@code missing}. */
    @Override
    public GraderResult unreadable(String reasonCode, JsonObject details) {
        return failed(reasonCode, "missing", details);
    }

    private static GraderResult failed(String reasonCode, String classification, JsonObject details) {
        return GraderResult.fail(NAME, reasonCode, details).withContextConformance(classification);
    }
}
