package dev.gait.core.runpack;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run {@code gait demo} records: three tool calls of a small search-fetch-summarise agent, with
 * Gait v1's fixed contents so that its manifest digest matches Gait v1's demo at the same version.
 */
public final class DemoRun {
    public static final String RUN_ID = "run_demo";
    static final OffsetDateTime TS = OffsetDateTime.of(2026, 2, 5, 0, 0, 0, 0, ZoneOffset.UTC);

    private DemoRun() {}

    public static RecordInput input(String producerVersion) {
        List<String> tools = List.of("tool.search", "tool.fetch", "tool.summarize");
        List<JsonObject> args = List.of(
                JsonObject.builder().put("query", "gait demo: offline verification").build(),
                JsonObject.builder().put("url", "https://example.local/demo").build(),
                JsonObject.builder().put("input_ref", "ref_1").build());
        List<RecordInput.Intent> intents = new ArrayList<>();
        List<RecordInput.Result> results = new ArrayList<>();
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            int n = i + 1;
            intents.add(new RecordInput.Intent("intent_" + n, tools.get(i), "", args.get(i)));
            results.add(new RecordInput.Result("intent_" + n, "ok", "",
                    JsonObject.builder().put("ok", true).put("message", "demo result " + n).build()));
            receipts.add(new Receipt("ref_" + n, "demo", tools.get(i), Digests.sha256Hex("query-" + n),
                    Digests.sha256Hex("content-" + n), TS, "reference", "", 0, "", null));
        }
        RecordInput.Run run = new RecordInput.Run("", "", TS, producerVersion, RUN_ID,
                new RunRecord.Env("demo", "demo", "go"),
                List.of(new RunRecord.TimelineEvent("start", TS, "", null),
                        new RunRecord.TimelineEvent("finish", TS.plusSeconds(2), "", null)));
        return new RecordInput(run, intents, results, new RecordInput.Refs(receipts, "", "", 0), "reference",
                Map.of(), Map.of());
    }
}
