package dev.gait.core.guard;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.canon.GoTime;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.runpack.RunpackReader;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The summary entries of a guard pack, field for field as Gait v1 writes them. */
final class EvidenceSummaries {

    private EvidenceSummaries() {}

    static JsonObject runpack(RunpackReader.Records runpack) {
        return JsonObject.builder()
                .put("run_id", runpack.run().string("run_id").orElse(""))
                .put("manifest_digest", runpack.manifest().string("manifest_digest").orElse(""))
                .put("capture_mode", runpack.manifest().string("capture_mode").orElse(""))
                .put("intent_count", runpack.intents().size())
                .put("result_count", runpack.results().size())
                .put("receipt_count", receipts(runpack).size())
                .build();
    }

    /** The run's retrieval receipts, compacted and sorted by ref_id. */
    static JsonObject referencedRunpacks(RunpackReader.Records runpack) {
        List<JsonObject> receipts = receipts(runpack).stream()
                .map(receipt -> JsonObject.builder()
                        .put("ref_id", receipt.string("ref_id").orElse(""))
                        .put("source_type", receipt.string("source_type").orElse(""))
                        .put("source_locator", receipt.string("source_locator").orElse(""))
                        .put("content_digest", receipt.string("content_digest").orElse(""))
                        .put("retrieved_at", utc(receipt.string("retrieved_at").orElse("")))
                        .build())
                .sorted(Comparator.comparing((JsonObject r) -> r.string("ref_id").orElse(""), GoStrings.BYTE_ORDER))
                .toList();
        return JsonObject.builder()
                .put("run_id", runpack.run().string("run_id").orElse(""))
                .put("receipts", new JsonArray(List.<JsonValue>copyOf(receipts)))
                .put("references", receipts.size())
                .build();
    }

    /** {@code {traces: [{trace_id, tool_name, verdict}], verdict_counts, total}}, sorted by trace_id. */
    static JsonObject traces(List<InputDocument> traces) {
        List<JsonObject> lines = traces.stream()
                .map(trace -> JsonObject.builder()
                        .put("trace_id", trace.traceId())
                        .put("tool_name", trace.json().string("tool_name").orElse(""))
                        .put("verdict", trace.json().string("verdict").orElse(""))
                        .build())
                .sorted(Comparator.comparing((JsonObject line) -> line.string("trace_id").orElse(""), GoStrings.BYTE_ORDER))
                .toList();
        return summary("traces", lines, "verdict_counts", line -> line.string("verdict").orElse(""));
    }

    /** {@code {results: [{fixture_set, status, graders}], status_counts, total}}, sorted by fixture set and status. */
    static JsonObject regress(List<InputDocument> results) {
        Comparator<JsonObject> order = Comparator
                .comparing((JsonObject line) -> line.string("fixture_set").orElse(""), GoStrings.BYTE_ORDER)
                .thenComparing(line -> line.string("status").orElse(""), GoStrings.BYTE_ORDER);
        List<JsonObject> lines = results.stream()
                .map(result -> JsonObject.builder()
                        .put("fixture_set", result.json().string("fixture_set").orElse(""))
                        .put("status", result.json().string("status").orElse(""))
                        .put("graders", result.json().array("graders").orElse(JsonArray.EMPTY).size())
                        .build())
                .sorted(order)
                .toList();
        return summary("results", lines, "status_counts", line -> line.string("status").orElse(""));
    }

    private static JsonObject summary(String listName, List<JsonObject> lines, String countsName, Function<JsonObject, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        lines.forEach(line -> counts.merge(key.apply(line), 1, Integer::sum));
        JsonObject.Builder countsJson = JsonObject.builder();
        counts.forEach(countsJson::put);
        return JsonObject.builder()
                .put(listName, new JsonArray(List.<JsonValue>copyOf(lines)))
                .put(countsName, countsJson.build())
                .put("total", lines.size())
                .build();
    }

    private static List<JsonObject> receipts(RunpackReader.Records runpack) {
        return runpack.refs().array("receipts").orElse(JsonArray.EMPTY).elements().stream()
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    /** A receipt time in UTC as Go prints it; Go's zero time when absent or unreadable. */
    private static String utc(String text) {
        try {
            return GoTime.format(GoTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (IllegalArgumentException e) {
            return GoTime.format(GoTime.ZERO);
        }
    }
}
