package dev.gait.core.reduce;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.canon.Jcs;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.zip.SafeZip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Reduces a run to the fewest steps on which a predicate still holds ({@link Ddmin}), writes the
 * reduced run as an unsigned runpack with the original capture mode, reads it back strictly and
 * checks the predicate on it again, then writes the report.
 */
public final class RunpackReducer {
    private final RecordInput original;
    private final ReducePredicate predicate;
    private final String reducedRunId;
    private final RunpackRecorder recorder;

    public RunpackReducer(RunpackReader.Records input, ReducePredicate predicate, Clock clock) {
        this.original = RecordInput.fromRunpack(input);
        this.predicate = predicate;
        this.reducedRunId = reducedRunId(original.run().runId(), predicate.name());
        this.recorder = new RunpackRecorder(clock);
    }

    /** Gait v1's name: {@code run_} added when missing, then {@code _reduced_<predicate without underscores>}. */
    public static String reducedRunId(String runId, String predicateName) {
        String trimmed = GoStrings.trimSpace(runId);
        String base = trimmed.startsWith("run_") ? trimmed : "run_" + trimmed;
        return base + "_reduced_" + predicateName.replace("_", "");
    }

    public String reducedRunId() {
        return reducedRunId;
    }

    /**
     * @throws GaitException invalid input when the predicate does not hold on the input run, or no
     *                       longer holds on the written pack (it is then removed)
     */
    public ReduceReport reduce(Path out, Path reportOut) {
        CandidateBuilder steps = new CandidateBuilder(original, reducedRunId, recorder);
        Ddmin.Result<String> search = Ddmin.minimise(steps.stepIds(), kept -> predicate.holds(steps.build(kept)))
                .orElseThrow(() -> GaitException.invalidInput("predicate " + predicate.name() + " does not hold on the input run "
                        + original.run().runId()));
        Candidate reduced = steps.build(search.minimal());
        AtomicFiles.write(out, RunpackWriter.zipBytes(reduced.record()));
        recheck(out);
        ReduceReport report = new ReduceReport(original.run().runId(), reducedRunId, predicate.name(), reduced.keptIntentIds(),
                original.intents().size(), reduced.intents().size(), original.results().size(), reduced.results().size(),
                original.refs().receipts().size(), reduced.receiptCount(), search.evaluations(), search.subsetsTried());
        AtomicFiles.write(reportOut, Jcs.canonicalize(report.toJson()));
        return report;
    }

    private void recheck(Path written) {
        RecordInput reread;
        try (SafeZip zip = SafeZip.open(written)) {
            reread = RecordInput.fromRunpack(RunpackReader.read(zip, written.toString()));
        }
        CandidateBuilder steps = new CandidateBuilder(reread, reducedRunId, recorder);
        if (!predicate.holds(steps.build(steps.stepIds()))) {
            delete(written);
            throw GaitException.invalidInput("predicate " + predicate.name()
                    + " no longer holds on the reduced runpack, which was removed (is the predicate deterministic?)");
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw GaitException.io("cannot remove " + path + " after a failed re-check: " + e.getMessage(), e);
        }
    }
}
