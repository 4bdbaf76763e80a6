package dev.gait.core.replay;

import dev.gait.core.digest.Digests;
import dev.gait.core.runpack.Receipt;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.version.GaitVersion;
import java.util.List;

/**
 * The runpack a replay writes: the original run's calls with the replayed results, under the run id
 * {@code <run_id>_replay}. Missing results stay missing; stand-ins are recorded by their digest;
 * real results by their payload; a receipt names the replayed runpack by its manifest digest. Stub
 * replay of the same runpack writes the same bytes.
 */
public final class ReplayRunpack {

    private ReplayRunpack() {}

    public static String runId(String originalRunId) {
        return originalRunId + "_replay";
    }

    /** The receipt that names the replayed runpack by its manifest digest. */
    public static final String SOURCE_REF = "replay_source";

    public static RecordInput input(RunpackReader.Records records, Replay.Report report) {
        List<RecordInput.Result> results = report.steps().stream().filter(step -> !step.missing())
                .map(step -> new RecordInput.Result(step.intentId(), step.status(), step.resultDigest(), step.result()))
                .toList();
        RecordInput replay = RecordInput.fromRunpack(records).withRunId(runId(report.runId())).withProducerVersion(GaitVersion.current())
                .withResults(results);
        return replay.withReceipt(sourceReceipt(records, replay));
    }

    /**
     * A signature on the replay vouches for what the replay saw, not for the original: this receipt
     * names exactly which runpack was replayed, so a verifier can fetch and check the source itself.
     */
    private static Receipt sourceReceipt(RunpackReader.Records records, RecordInput replay) {
        String runId = records.run().string("run_id").orElse("");
        return new Receipt(SOURCE_REF, "gait.runpack", RunpackWriter.fileName(runId), Digests.sha256Hex("replay:" + runId),
                records.manifest().string("manifest_digest").orElse(""), replay.run().createdAt(), "reference", "immutable", 0, "", null);
    }
}
