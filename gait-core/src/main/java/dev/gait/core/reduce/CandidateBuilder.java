package dev.gait.core.reduce;

import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.Receipt;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunRecord;
import dev.gait.core.runpack.RunpackRecorder;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Cuts a run into steps and builds the candidate run for any subset of them. A step is every
 * intent and result that carries one {@code intent_id}; steps are ordered by first appearance
 * (intents first, then results without an intent).
 */
final class CandidateBuilder {
    private final RecordInput original;
    private final String reducedRunId;
    private final RunpackRecorder recorder;
    private final List<String> stepIds;

    CandidateBuilder(RecordInput original, String reducedRunId, RunpackRecorder recorder) {
        this.original = original;
        this.reducedRunId = reducedRunId;
        this.recorder = recorder;
        Set<String> ids = new LinkedHashSet<>();
        original.intents().forEach(intent -> ids.add(intent.intentId()));
        original.results().forEach(result -> ids.add(result.intentId()));
        this.stepIds = List.copyOf(ids);
    }

    List<String> stepIds() {
        return stepIds;
    }

    /** The run with only the steps {@code kept}: its receipts and timeline follow what those steps refer to. */
    Candidate build(List<String> kept) {
        Set<String> keep = new HashSet<>(kept);
        List<RecordInput.Intent> intents = original.intents().stream().filter(i -> keep.contains(i.intentId())).toList();
        List<RecordInput.Result> results = original.results().stream().filter(r -> keep.contains(r.intentId())).toList();
        Set<String> refIds = ReferencedRefIds.in(Stream.concat(
                        intents.stream().map(RecordInput.Intent::args), results.stream().map(RecordInput.Result::result))
                .filter(Objects::nonNull).toList());
        RecordInput.Refs refs = original.refs();
        List<Receipt> receipts = refs.receipts().stream().filter(r -> refIds.contains(r.refId())).toList();
        RecordInput.Run run = original.run();
        List<RunRecord.TimelineEvent> timeline = run.timeline().stream()
                .filter(event -> event.ref().isEmpty() || keep.contains(event.ref())).toList();
        RecordInput input = new RecordInput(
                new RecordInput.Run(run.schemaId(), run.schemaVersion(), run.createdAt(), run.producerVersion(), reducedRunId,
                        run.env(), timeline),
                intents, results,
                new RecordInput.Refs(receipts, refs.contextSetDigest(), refs.contextEvidenceMode(), refs.contextRefCount()),
                original.captureMode(), Map.<String, JsonObject>of(), Map.<String, JsonObject>of());
        return new Candidate(input, kept, recorder);
    }
}
