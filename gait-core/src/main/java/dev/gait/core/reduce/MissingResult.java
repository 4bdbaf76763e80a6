package dev.gait.core.reduce;

import dev.gait.core.runpack.RecordInput;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code missing_result}: some kept intent has no result. */
public final class MissingResult implements ReducePredicate {
    public static final String NAME = "missing_result";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean holds(Candidate candidate) {
        Set<String> answered = candidate.results().stream().map(RecordInput.Result::intentId).collect(Collectors.toSet());
        return candidate.intents().stream().anyMatch(intent -> !answered.contains(intent.intentId()));
    }
}
