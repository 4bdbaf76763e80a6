package dev.gait.core.regress;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.error.GaitException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fixture as the graders see it: its metadata and its runpack. The fixture directory is the
 * runpack's directory, and a {@code candidate_runpack} is resolved against it.
 *
 * @param workDir what relative paths are resolved against
 * @param runpack the fixture's runpack as configured, e.g. {@code fixtures/run_demo/runpack.zip}
 */
public record FixtureUnderTest(Path workDir, String runpack, Fixture fixture) {

    RunpackFile pack() {
        return RunpackFile.at(workDir, runpack);
    }

    /** The runpack to compare with: the candidate when the fixture names one, else the fixture's own. */
    RunpackFile candidate() {
        String candidate = GoStrings.trimSpace(fixture.candidateRunpack());
        RunpackFile own = pack();
        if (candidate.isEmpty()) {
            return own;
        }
        Path directory = Path.of(own.shown()).getParent();
        RunpackFile pack = RunpackFile.at(workDir, directory == null ? candidate : directory.resolve(candidate).toString());
        if (!Files.exists(pack.path())) {
            throw GaitException.invalidInput("candidate runpack not found: " + pack.shown());
        }
        return pack;
    }
}
