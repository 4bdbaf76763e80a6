package dev.gait.core.runpack;

import java.util.List;

/** A runpack's records: the manifest and the four payload files. */
public record Runpack(Manifest manifest, RunRecord run, List<IntentRecord> intents, List<ResultRecord> results,
                      RefsRecord refs) {
    public Runpack {
        intents = List.copyOf(intents);
        results = List.copyOf(results);
    }
}
