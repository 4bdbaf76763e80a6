package dev.gait.serve.mcp;

import dev.gait.core.gate.Gate;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunRecord;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.sign.Signer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code --pack-dir}: a signed runpack per decided tool call, recorded by the runpack recorder
 * ({@code gait run record}'s). It holds the call (arguments by digest, the default reference
 * capture) and the decision as its result; {@code gait verify chain --run P --trace T} verifies
 * it together with the call's trace.
 */
public final class CallPacks {
    private final Path directory;
    private final Supplier<Signer> signer;
    private final Clock clock;

    /** @param signer the key in force, which also signs the traces */
    public CallPacks(Path directory, Supplier<Signer> signer, Clock clock) {
        this.directory = directory;
        this.signer = signer;
        this.clock = clock;
    }

    /**
     * Writes the call's runpack; returns its path. The run id is {@code run_mcp_} with the intent
     * digest's first 12 characters (as Gait v1 names proxy runs) and the trace's event id, so a
     * repeated identical call keeps its own pack.
     */
    public Path write(Gate.Outcome outcome, boolean forwarded) {
        String runId = "run_mcp_" + outcome.intentDigest().substring(0, 12) + "_" + outcome.trace().string("event_id").orElse("");
        OffsetDateTime decidedAt = OffsetDateTime.parse(outcome.trace().string("created_at").orElseThrow());
        JsonObject decision = JsonObject.builder()
                .put("verdict", outcome.verdict().wire())
                .putStrings("reason_codes", outcome.reasonCodes())
                .put("trace_id", outcome.traceId())
                .put("policy_digest", outcome.policyDigest())
                .put("intent_digest", outcome.intentDigest())
                .put("forwarded", forwarded ? JsonBoolean.TRUE : JsonBoolean.FALSE)
                .build();
        RecordInput input = new RecordInput(
                new RecordInput.Run("", "", decidedAt, "", runId, new RunRecord.Env("", "", ""),
                        List.of(new RunRecord.TimelineEvent("decided", decidedAt, "trace_" + outcome.traceId(), null))),
                List.of(new RecordInput.Intent("intent_1", outcome.intent().toolName(), "", outcome.intent().args())),
                List.of(new RecordInput.Result("intent_1", outcome.verdict().wire(), "", decision)),
                new RecordInput.Refs(List.of(), "", "", 0), "reference", Map.of(), Map.of());
        return RunpackWriter.write(directory, new RunpackRecorder(clock).record(input, null, signer.get()));
    }
}
