package dev.gait.core.replay;

import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.version.GaitVersion;
import java.util.List;

/**
 * The runpack a replay writes: the original run's calls with the replayed results, under the run id
 * {@code <run_id>_replay}. Missing results stay missing; stand-ins are recorded by their digest;
 * real results by their payload. Stub replay of the same runpack writes the same bytes.
 */
public final class ReplayRunpack {

    private ReplayRunpack() {}

    public static String runId(String originalRunId) {
        return originalRunId + "_replay";
    }

    public static RecordInput input(RunpackReader.Records records, Replay.Report report) {
        List<RecordInput.Result> results = report.steps().stream().filter(step -> !step.missing())
                .map(step -> new RecordInput.Result(step.intentId(), step.status(), step.resultDigest(), step.result()))
                .toList();
        return RecordInput.fromRunpack(records).withRunId(runId(report.runId())).withProducerVersion(GaitVersion.current())
                .withResults(results);
    }
}
