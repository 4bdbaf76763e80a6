package dev.gait.core.gate;

/** File naming of gate traces. */
public final class GateTraceFiles {

    private GateTraceFiles() {}

    public static String defaultName(String traceId) {
        return "trace_" + traceId + ".json";
    }
}
