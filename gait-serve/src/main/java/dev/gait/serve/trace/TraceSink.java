package dev.gait.serve.trace;

import dev.gait.core.gate.Gate;

/** Where the sidecar records each decision's signed trace, durably, before it answers. */
public interface TraceSink extends AutoCloseable {

    /** Records the outcome's trace; returns where it went (the result's {@code trace_path}). */
    String record(Gate.Outcome outcome);

    @Override
    void close();
}
