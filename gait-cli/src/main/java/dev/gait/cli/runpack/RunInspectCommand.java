package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.zip.SafeZip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gait run inspect <run_id|path>}: the run's tool calls in order with their results. Verdicts
 * and reason codes come from result payloads, so reference-mode packs show none.
 */
final class RunInspectCommand extends SingleRunpackCommand<Void> {

    RunInspectCommand() {
        super("inspect", "List a runpack's tool calls in order with their results.",
                "run inspect lists what a recorded run did: each tool call in order with its digests, status and verdict.");
    }

    @Override
    protected Void declare(FlagSet flags) {
        return null;
    }

    @Override
    protected int execute(Invocation invocation, Output output, Void flags, Path runpack, String shown) {
        RunpackReader.Records records;
        try (SafeZip zip = SafeZip.open(runpack)) {
            records = RunpackReader.read(zip, shown);
        }
        Map<String, JsonObject> resultsByIntent = new LinkedHashMap<>();
        for (JsonObject result : records.results()) {
            resultsByIntent.putIfAbsent(result.string("intent_id").orElse(""), result);
        }
        Set<String> intentIds = new HashSet<>();
        List<JsonValue> entries = new ArrayList<>();
        List<String> text = new ArrayList<>();
        String runId = records.manifest().string("run_id").orElse("");
        text.add("run_id=" + runId);
        text.add("capture_mode=" + records.manifest().string("capture_mode").orElse(""));
        int index = 0;
        for (JsonObject intent : records.intents()) {
            index++;
            String intentId = intent.string("intent_id").orElse("");
            intentIds.add(intentId);
            JsonObject result = resultsByIntent.getOrDefault(intentId, JsonObject.EMPTY);
            JsonObject payload = result.object("result").orElse(JsonObject.EMPTY);
            entries.add(JsonObject.builder()
                    .put("index", index)
                    .put("intent_id", intentId)
                    .put("tool_name", intent.string("tool_name").orElse(""))
                    .put("created_at", intent.string("created_at").orElse(""))
                    .put("args_digest", intent.string("args_digest").orElse(""))
                    .putOmitEmpty("status", result.string("status").orElse(""))
                    .putOmitEmpty("result_digest", result.string("result_digest").orElse(""))
                    .putOmitEmpty("verdict", payload.string("verdict").orElse(""))
                    .putOmitEmpty("reason_codes", payload.get("reason_codes").orElse(null))
                    .putOmitEmpty("violations", payload.get("violations").orElse(null))
                    .build());
            text.add(index + ". " + intent.string("tool_name").orElse("") + " intent_id=" + intentId
                    + " status=" + result.string("status").orElse("missing"));
        }
        List<String> unmatched = resultsByIntent.keySet().stream().filter(id -> !intentIds.contains(id)).sorted().toList();
        return output.success(JsonObject.builder()
                .put("artifact_type", "runpack")
                .put("run_id", runId)
                .put("path", shown)
                .put("capture_mode", records.manifest().string("capture_mode").orElse(""))
                .put("intents_total", records.intents().size())
                .put("results_total", records.results().size())
                .put("entries", new JsonArray(entries))
                .putStringsOmitEmpty("unmatched_results", unmatched)
                .build(), text);
    }
}
