package dev.gait.core.reduce;

import dev.gait.core.runpack.CaptureMode;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunpackRecorder;
import java.util.List;

/**
 * The run a subset of steps leaves: the kept intents and results in their original order, the
 * receipts and timeline events they still refer to, under the reduced run id. What a
 * {@link ReducePredicate} judges.
 */
public final class Candidate {
    private final RecordInput input;
    private final List<String> keptIntentIds;
    private final RunpackRecorder recorder;

    Candidate(RecordInput input, List<String> keptIntentIds, RunpackRecorder recorder) {
        this.input = input;
        this.keptIntentIds = List.copyOf(keptIntentIds);
        this.recorder = recorder;
    }

    public String runId() {
        return input.run().runId();
    }

    /** The kept steps' intent ids, in the run's order. */
    public List<String> keptIntentIds() {
        return keptIntentIds;
    }

    public List<RecordInput.Intent> intents() {
        return input.intents();
    }

    public List<RecordInput.Result> results() {
        return input.results();
    }

    public int receiptCount() {
        return input.refs().receipts().size();
    }

    /** Whether the run kept raw intent arguments and result payloads. */
    public boolean rawCapture() {
        return CaptureMode.parse(input.captureMode()) == CaptureMode.RAW;
    }

    /** The candidate as an unsigned runpack with the original capture mode. */
    public RunpackRecorder.Recorded record() {
        return recorder.record(input, null, null);
    }
}
