package dev.gait.core.replay.diff;

import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.gate.PolicyTest;
import dev.gait.core.json.JsonObject;
import dev.gait.core.replay.Replay;
import dev.gait.core.replay.ReplayStep;
import dev.gait.core.runpack.RunpackReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Replays a run under one variant, deterministically and without side effects: the variant's model
 * outputs (or the recorded calls) are decided by its policy through the gate core, and the calls
 * allowed to run get the variant's stubbed tool output, else the recorded result of the same call,
 * else a stand-in.
 */
final class VariantReplay {
    private static final Set<String> RUNS = Set.of("allow", "unevaluated");

    private final RunpackReader.Records records;
    private final String runId;
    private final Instant evaluationTime;

    VariantReplay(RunpackReader.Records records, Instant evaluationTime) {
        this.records = records;
        this.runId = records.run().string("run_id").orElse("");
        this.evaluationTime = evaluationTime;
    }

    List<VariantStep> run(ReplayVariant variant) {
        List<ReplayVariant.Call> calls = variant.modelOutputs() != null ? variant.modelOutputs() : recordedCalls();
        List<JsonObject> unusedIntents = new ArrayList<>(records.intents());
        List<VariantStep> steps = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            ReplayVariant.Call call = calls.get(i);
            String argsDigest = call.args() == null ? recordedArgsDigest(i) : Digests.jcsHex(call.args());
            String verdict = verdict(variant, call);
            String status = "not_executed";
            String resultDigest = "";
            if (RUNS.contains(verdict)) {
                ReplayVariant.ToolOutput stubbed = variant.toolOutputs().get(call.toolName());
                if (stubbed != null) {
                    status = stubbed.status();
                    resultDigest = stubbed.result() == null ? "" : Digests.jcsHex(stubbed.result());
                } else {
                    ReplayStep replayed = recordedOrStubbed(unusedIntents, "step_" + (i + 1), call.toolName(), argsDigest);
                    status = replayed.status();
                    resultDigest = replayed.resultDigest();
                }
            }
            steps.add(new VariantStep(i + 1, call.toolName(), argsDigest, verdict, status, resultDigest));
        }
        return steps;
    }

    /** The recorded calls; in a reference runpack their arguments are known only by digest. */
    private List<ReplayVariant.Call> recordedCalls() {
        return records.intents().stream().map(intent -> new ReplayVariant.Call(intent.string("tool_name").orElse(""),
                intent.object("args").orElse(null), null, null)).toList();
    }

    private String recordedArgsDigest(int index) {
        return records.intents().get(index).string("args_digest").orElse("");
    }

    private String verdict(ReplayVariant variant, ReplayVariant.Call call) {
        if (variant.policy() == null) {
            return "unevaluated";
        }
        JsonObject context = call.context() != null ? call.context() : variant.context();
        if (context == null || call.args() == null) {
            throw GaitException.invalidInput("variant " + variant.label() + ": evaluating a policy needs each call's arguments (a raw "
                    + "runpack or model outputs) and a context (identity, workspace, risk_class)");
        }
        JsonObject intent = JsonObject.builder()
                .put("schema_id", "gait.gate.intent_request")
                .put("schema_version", "1.0.0")
                .put("tool_name", call.toolName())
                .put("args", call.args())
                .putOmitEmpty("targets", call.targets())
                .put("context", context)
                .build();
        try {
            return PolicyTest.run(variant.policy(), intent, evaluationTime).decision().verdict().wire();
        } catch (GaitException e) {
            // a call the gate cannot read is never allowed; for the comparison it is its own outcome
            return "error";
        }
    }

    /** The result of the first not yet used recorded call with the same tool and arguments, else a stand-in. */
    private ReplayStep recordedOrStubbed(List<JsonObject> unusedIntents, String stepId, String tool, String argsDigest) {
        for (JsonObject intent : unusedIntents) {
            if (tool.equals(intent.string("tool_name").orElse("")) && argsDigest.equals(intent.string("args_digest").orElse(""))) {
                unusedIntents.remove(intent);
                String intentId = intent.string("intent_id").orElse("");
                JsonObject recorded = records.results().stream()
                        .filter(r -> intentId.equals(r.string("intent_id").orElse(""))).findFirst().orElse(null);
                return Replay.recordedOrStubbed(runId, intentId, tool, argsDigest, recorded);
            }
        }
        return Replay.recordedOrStubbed(runId, stepId, tool, argsDigest, null);
    }
}
