package dev.gait.serve.trace;

import dev.gait.core.gate.Gate;
import dev.gait.core.gate.GateTraceFiles;
import java.nio.file.Path;

/**
 * One trace file per decision, written as {@code gait gate eval} writes it. The name adds the
 * trace's {@code event_id} to {@code trace_<trace_id>}: the trace id depends only on policy, intent
 * and verdict, so a repeated call would otherwise overwrite the evidence of the earlier ones.
 */
public final class TraceFiles implements TraceSink {
    private final Path directory;

    public TraceFiles(Path directory) {
        this.directory = directory;
    }

    @Override
    public String record(Gate.Outcome outcome) {
        String eventId = outcome.trace().string("event_id").orElse("");
        Path target = directory.resolve("trace_" + outcome.traceId() + "_" + eventId + ".json");
        GateTraceFiles.write(target, outcome.trace());
        return target.toString();
    }

    @Override
    public void close() {
        // every file is complete and synced when record returns
    }
}
