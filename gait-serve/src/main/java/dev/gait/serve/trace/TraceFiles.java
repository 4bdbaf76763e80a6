package dev.gait.serve.trace;

import dev.gait.core.gate.Gate;
import dev.gait.core.gate.GateTraceFiles;
import java.nio.file.Path;

/** One trace file per decision, named and written as {@code gait gate eval} writes it. */
public final class TraceFiles implements TraceSink {
    private final Path directory;

    public TraceFiles(Path directory) {
        this.directory = directory;
    }

    @Override
    public String record(Gate.Outcome outcome) {
        Path target = directory.resolve(GateTraceFiles.defaultName(outcome.traceId()));
        GateTraceFiles.write(target, outcome.trace());
        return target.toString();
    }

    @Override
    public void close() {
        // every file is complete and synced when record returns
    }
}
