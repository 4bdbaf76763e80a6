package dev.gait.core.regress;

import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RunpackDiff;
import dev.gait.core.runpack.RunpackFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * Diffs the fixture's runpack against the candidate (full privacy). Every changed file must be
 * listed in {@code diff_allow_changed_files}; a changed flag of the summary counts as a change of
 * the file it covers.
 */
final class DiffGrader implements Grader {

    static final String NAME = "diff";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GraderResult grade(FixtureUnderTest fixture) {
        RunpackFile candidate = Grader.input(fixture::candidate, "candidate_path_invalid");
        RunpackDiff.Summary summary = Grader.input(
                () -> RunpackDiff.diff(fixture.pack().read(), candidate.read(), RunpackDiff.Privacy.FULL), "diff_error");
        List<String> changed = changedFiles(summary);
        List<String> allowed = Regress.uniqueSorted(fixture.fixture().diffAllowChangedFiles());
        List<String> unexpected = changed.stream().filter(file -> !allowed.contains(file)).toList();
        JsonObject.Builder details = JsonObject.builder()
                .put("candidate_runpack", candidate.shown())
                .putStrings("changed_files", changed)
                .putStrings("allowed_files", allowed);
        if (unexpected.isEmpty()) {
            return GraderResult.pass(NAME, List.of(), details.build());
        }
        return GraderResult.fail(NAME, "unexpected_diff", details.putStrings("unexpected_files", unexpected).build());
    }

    private static List<String> changedFiles(RunpackDiff.Summary summary) {
        List<String> changed = new ArrayList<>(summary.filesChanged());
        if (summary.manifestChanged()) {
            changed.add(RunpackFiles.MANIFEST);
        }
        if (summary.intentsChanged()) {
            changed.add(RunpackFiles.INTENTS);
        }
        if (summary.resultsChanged()) {
            changed.add(RunpackFiles.RESULTS);
        }
        if (summary.refsChanged()) {
            changed.add(RunpackFiles.REFS);
        }
        return Regress.uniqueSorted(changed);
    }
}
