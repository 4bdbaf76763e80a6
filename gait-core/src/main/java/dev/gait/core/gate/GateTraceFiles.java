package dev.gait.core.gate;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** File naming and writing of gate traces. */
public final class GateTraceFiles {

    private GateTraceFiles() {}

    public static String defaultName(String traceId) {
        return "trace_" + traceId + ".json";
    }

    /** Writes a signed trace as its own file (indented, as Gait writes it), atomically and durably. */
    public static void write(Path target, JsonObject trace) {
        AtomicFiles.write(target, (JsonWriter.GO_STRUCT_INDENTED.write(trace) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
