package dev.gait.core.replay.diff;

import dev.gait.core.digest.Digests;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One labelled set of inputs to replay a run under. Each input is a variable a divergence can be
 * attributed to ({@link Variable}).
 *
 * @param modelOutputs the tool calls the (stubbed) model makes, in order; null replays the recorded calls
 * @param policy decides each call; null leaves calls unevaluated (all run)
 * @param context the gate context of calls that carry none (identity, workspace, risk_class)
 * @param toolOutputs stubbed tool results by tool name; tools not listed get the recorded result, else a stand-in
 */
public record ReplayVariant(String label, String modelVersion, String promptVersion, List<Call> modelOutputs, Policy policy,
                            JsonObject context, Map<String, ToolOutput> toolOutputs) {

    public ReplayVariant {
        modelOutputs = modelOutputs == null ? null : List.copyOf(modelOutputs);
        toolOutputs = Map.copyOf(toolOutputs);
    }

    /** A call the model makes: a tool, its arguments, and optionally its targets and its own context. */
    public record Call(String toolName, JsonObject args, JsonArray targets, JsonObject context) {}

    /** A stubbed tool result. */
    public record ToolOutput(String status, JsonObject result) {}

    /**
     * What a divergence can be attributed to. The model's version, the prompt's version and the
     * stubbed outputs they produced travel together: outputs belong to one model and prompt.
     */
    public enum Variable {
        MODEL, POLICY, TOOL_EXECUTORS, CONTEXT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Model outputs as written in a variant: an array of {@code {tool_name, args, targets?, context?}}. */
    public static List<Call> calls(JsonArray outputs, String where) {
        List<Call> calls = new java.util.ArrayList<>();
        for (JsonValue value : outputs.elements()) {
            if (!(value instanceof JsonObject call) || call.string("tool_name").orElse("").isBlank()) {
                throw dev.gait.core.error.GaitException.invalidInput(where + ": each model output needs a tool_name");
            }
            calls.add(new Call(call.string("tool_name").orElseThrow().strip(), call.object("args").orElse(JsonObject.EMPTY),
                    call.array("targets").orElse(null), call.object("context").orElse(null)));
        }
        return calls;
    }

    /** Stubbed tool outputs as written in a variant: {@code {"<tool>": {"status", "result"}}}. */
    public static Map<String, ToolOutput> toolOutputs(JsonObject outputs, String where) {
        Map<String, ToolOutput> byTool = new java.util.HashMap<>();
        outputs.members().forEach((tool, value) -> {
            if (!(value instanceof JsonObject output)) {
                throw dev.gait.core.error.GaitException.invalidInput(where + ": tool output for " + tool + " must be an object");
            }
            byTool.put(tool, new ToolOutput(output.string("status").orElse("ok"), output.object("result").orElse(null)));
        });
        return byTool;
    }

    /** The variant with one variable taken from another variant (a counterfactual). */
    ReplayVariant with(Variable variable, ReplayVariant from) {
        return switch (variable) {
            case MODEL -> new ReplayVariant(label, from.modelVersion, from.promptVersion, from.modelOutputs, policy, context, toolOutputs);
            case POLICY -> new ReplayVariant(label, modelVersion, promptVersion, modelOutputs, from.policy, context, toolOutputs);
            case TOOL_EXECUTORS -> new ReplayVariant(label, modelVersion, promptVersion, modelOutputs, policy, context, from.toolOutputs);
            case CONTEXT -> new ReplayVariant(label, modelVersion, promptVersion, modelOutputs, policy, from.context, toolOutputs);
        };
    }

    /** The variable's value as a digest, so variants can be compared and reported. */
    String digest(Variable variable) {
        return switch (variable) {
            case MODEL -> Digests.jcsHex(JsonObject.builder().put("model_version", modelVersion).put("prompt_version", promptVersion)
                    .put("model_outputs", outputsDigest()).build());
            case POLICY -> policy == null ? "" : policy.digest();
            case TOOL_EXECUTORS -> {
                JsonObject.Builder outputs = JsonObject.builder();
                new TreeMap<>(toolOutputs).forEach((tool, output) -> outputs.put(tool,
                        JsonObject.builder().put("status", output.status()).putOmitEmpty("result", output.result()).build()));
                yield toolOutputs.isEmpty() ? "" : Digests.jcsHex(outputs.build());
            }
            case CONTEXT -> context == null ? "" : Digests.jcsHex(context);
        };
    }

    /** Which labels changed inside the model variable, for the report: model_version, prompt_version, model_outputs. */
    List<String> modelChanges(ReplayVariant other) {
        List<String> changes = new java.util.ArrayList<>();
        if (!modelVersion.equals(other.modelVersion)) {
            changes.add("model_version");
        }
        if (!promptVersion.equals(other.promptVersion)) {
            changes.add("prompt_version");
        }
        if (!outputsDigest().equals(other.outputsDigest())) {
            changes.add("model_outputs");
        }
        return changes;
    }

    /** The digest of the stubbed model outputs; empty when the recorded calls are replayed. */
    private String outputsDigest() {
        return modelOutputs == null ? ""
                : Digests.jcsHex(new JsonArray(modelOutputs.stream().<JsonValue>map(ReplayVariant::callJson).toList()));
    }

    private static JsonObject callJson(Call call) {
        return JsonObject.builder().put("tool_name", call.toolName()).putOmitEmpty("args", call.args())
                .putOmitEmpty("targets", call.targets()).putOmitEmpty("context", call.context()).build();
    }
}
