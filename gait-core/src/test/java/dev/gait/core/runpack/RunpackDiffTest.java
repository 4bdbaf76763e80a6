package dev.gait.core.runpack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.core.zip.SafeZip;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RunpackDiffTest {

    private static RunpackReader.Records read(RecordInput input, CaptureMode mode) {
        byte[] zip = RunpackWriter.zipBytes(new RunpackRecorder(Clock.systemUTC()).record(input, mode, null));
        try (SafeZip opened = SafeZip.open(zip, "pack.zip")) {
            return RunpackReader.read(opened, "pack.zip");
        }
    }

    private static RecordInput base() {
        return ConformanceVectorsTest.integrationInput();
    }

    private static RecordInput withReceipts(RecordInput input, UnaryOperator<Receipt> change) {
        List<Receipt> receipts = new ArrayList<>(input.refs().receipts().stream().map(change).toList());
        return new RecordInput(input.run(), input.intents(), input.results(),
                new RecordInput.Refs(receipts, input.refs().contextSetDigest(), "", 0), input.captureMode(),
                input.intentArgs(), input.resultPayloads());
    }

    @Test
    void a_pack_compared_with_itself_has_no_changes() {
        RunpackDiff.Summary summary = RunpackDiff.diff(read(base(), null), read(base(), null), RunpackDiff.Privacy.FULL);
        assertThat(summary.changed()).isFalse();
        assertThat(summary.contextDriftClassification()).isEqualTo("none");
        assertThat(summary.filesChanged()).isEmpty();
    }

    @Test
    void identity_fields_do_not_count_as_changes() {
        RunpackDiff.Summary summary = RunpackDiff.diff(read(base(), null), read(base().withRunId("run_other"), null),
                RunpackDiff.Privacy.FULL);
        assertThat(summary.changed()).isFalse();
        assertThat(summary.runIdRight()).isEqualTo("run_other");
    }

    @Test
    void a_changed_result_is_named() {
        RecordInput input = base();
        List<RecordInput.Result> results = new ArrayList<>(input.results());
        results.set(1, new RecordInput.Result("intent_2", "error", "", JsonObject.builder().put("ok", false).build()));
        RecordInput changed = new RecordInput(input.run(), input.intents(), results, input.refs(), input.captureMode(),
                input.intentArgs(), input.resultPayloads());
        RunpackDiff.Summary summary = RunpackDiff.diff(read(input, null), read(changed, null), RunpackDiff.Privacy.FULL);
        assertThat(summary.resultsChanged()).isTrue();
        assertThat(summary.changedResults()).containsExactly("intent_2");
        assertThat(summary.intentsChanged()).isFalse();
    }

    @Test
    void raw_payload_differences_count_in_full_privacy_only() {
        RecordInput input = base();
        List<RecordInput.Intent> intents = new ArrayList<>(input.intents());
        intents.set(0, new RecordInput.Intent("intent_1", "tool.search", "", JsonObject.builder().put("query", "other").build()));
        RecordInput changed = new RecordInput(input.run(), intents, input.results(), input.refs(), input.captureMode(),
                input.intentArgs(), input.resultPayloads());
        assertThat(RunpackDiff.diff(read(input, CaptureMode.RAW), read(changed, CaptureMode.RAW), RunpackDiff.Privacy.FULL)
                .changedIntents()).containsExactly("intent_1");
        // in metadata privacy the args are dropped, but args_digest still differs
        assertThat(RunpackDiff.diff(read(input, CaptureMode.RAW), read(changed, CaptureMode.RAW), RunpackDiff.Privacy.METADATA)
                .changedIntents()).containsExactly("intent_1");
    }

    @Test
    void refs_drift_is_classified_runtime_only_or_semantic() {
        RecordInput later = withReceipts(base(), r -> new Receipt(r.refId(), r.sourceType(), r.sourceLocator(), r.queryDigest(),
                r.contentDigest(), r.retrievedAt().plusHours(1), r.redactionMode(), r.immutability(), 0, "", null));
        RunpackDiff.Summary runtime = RunpackDiff.diff(read(base(), null), read(later, null), RunpackDiff.Privacy.FULL);
        assertThat(runtime.contextDriftClassification()).isEqualTo("runtime_only");
        assertThat(runtime.refsChanged()).isTrue();

        RecordInput otherContent = withReceipts(base(), r -> new Receipt(r.refId(), r.sourceType(), r.sourceLocator(),
                r.queryDigest(), Digests.sha256Hex("changed"), r.retrievedAt(), r.redactionMode(), r.immutability(), 0, "", null));
        assertThat(RunpackDiff.diff(read(base(), null), read(otherContent, null), RunpackDiff.Privacy.FULL)
                .contextDriftClassification()).isEqualTo("semantic");
        assertThat(RunpackDiff.diff(read(base(), null), read(otherContent, null), RunpackDiff.Privacy.METADATA)
                .contextDriftClassification()).as("metadata privacy only counts receipts").isEqualTo("none");
    }

    @Test
    void capture_mode_changes_the_manifest_shape() {
        RunpackDiff.Summary summary = RunpackDiff.diff(read(base(), CaptureMode.REFERENCE), read(base(), CaptureMode.RAW),
                RunpackDiff.Privacy.FULL);
        assertThat(summary.manifestChanged()).isTrue();
    }
}
