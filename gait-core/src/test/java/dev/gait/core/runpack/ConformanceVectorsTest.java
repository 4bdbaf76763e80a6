package dev.gait.core.runpack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.testkit.GaitSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The golden manifest digests of Gait v1.4.0 (gait-v1-core §2.7 and §2.8). */
class ConformanceVectorsTest {

    private static final OffsetDateTime TS = OffsetDateTime.of(2026, 2, 5, 0, 0, 0, 0, ZoneOffset.UTC);
    private final RunpackRecorder recorder = new RunpackRecorder(Clock.systemUTC());

    static RecordInput integrationInput() {
        List<String> tools = List.of("tool.search", "tool.fetch");
        List<JsonObject> args = List.of(JsonObject.builder().put("query", "offline test").build(),
                JsonObject.builder().put("url", "https://example.local/resource").build());
        List<RecordInput.Intent> intents = new java.util.ArrayList<>();
        List<RecordInput.Result> results = new java.util.ArrayList<>();
        List<Receipt> receipts = new java.util.ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            intents.add(new RecordInput.Intent("intent_" + n, tools.get(n - 1), "", args.get(n - 1)));
            results.add(new RecordInput.Result("intent_" + n, "ok", "",
                    JsonObject.builder().put("ok", true).put("message", "result_" + n).build()));
            receipts.add(new Receipt("ref_" + n, "integration-test", tools.get(n - 1), Digests.sha256Hex("query_" + n),
                    Digests.sha256Hex("content_" + n), TS, "reference", "", 0, "", null));
        }
        return new RecordInput(
                new RecordInput.Run("", "", TS, "0.0.0-test", "run_integration", new RunRecord.Env("test", "test", "go"),
                        List.of(new RunRecord.TimelineEvent("start", TS, "", null),
                                new RunRecord.TimelineEvent("finish", TS.plusSeconds(2), "", null))),
                intents, results, new RecordInput.Refs(receipts, "", "", 0), "reference", Map.of(), Map.of());
    }

    @Test
    void integration_vector_of_gait_v1_4() {
        RunpackRecorder.Recorded recorded = recorder.record(integrationInput(), null, null);
        assertThat(recorded.manifestDigest()).isEqualTo("5df30db691a7623bbad16c19ddda77f801ac9aad853a615ca6511c628f21f5d8");
        assertThat(recorded.warnings()).containsExactly(RunpackRecorder.WARN_STRIPPED);
    }

    @Test
    void demo_vector_of_gait_v1_4_at_development_version() {
        RunpackRecorder.Recorded recorded = recorder.record(DemoRun.input("0.0.0-dev"), null, null);
        assertThat(recorded.manifestDigest()).isEqualTo("436474ad70446539c909ae85bcc156d30197ba68efb8debdaed4f5d2eef2922e");
        Map<String, byte[]> entries = recorded.entries();
        assertThat(Digests.sha256Hex(entries.get("run.json"))).startsWith("3b4a9593");
        assertThat(Digests.sha256Hex(entries.get("intents.jsonl"))).startsWith("4a4f286c");
        assertThat(Digests.sha256Hex(entries.get("results.jsonl"))).startsWith("cb43fa72");
        assertThat(Digests.sha256Hex(entries.get("refs.json"))).startsWith("d92024ef");
    }

    @Test
    void every_record_written_validates_against_the_v1_schemas() {
        for (RecordInput input : List.of(integrationInput(), DemoRun.input("0.0.0-dev"))) {
            for (CaptureMode mode : CaptureMode.values()) {
                Map<String, byte[]> entries = recorder.record(input, mode, null).entries();
                GaitSchemas.assertValid("runpack/run", text(entries.get("run.json")));
                GaitSchemas.assertValid("runpack/refs", text(entries.get("refs.json")));
                GaitSchemas.assertValid("runpack/manifest", text(entries.get("manifest.json")));
                for (String line : text(entries.get("intents.jsonl")).split("\n")) {
                    GaitSchemas.assertValid("runpack/intent", line);
                }
                for (String line : text(entries.get("results.jsonl")).split("\n")) {
                    GaitSchemas.assertValid("runpack/result", line);
                }
            }
        }
    }

    @Test
    void raw_capture_keeps_payloads_and_reference_capture_strips_them_after_digesting() {
        Map<String, byte[]> raw = recorder.record(integrationInput(), CaptureMode.RAW, null).entries();
        Map<String, byte[]> reference = recorder.record(integrationInput(), CaptureMode.REFERENCE, null).entries();
        JsonObject rawIntent = JsonReader.strict().readObject(text(raw.get("intents.jsonl")).split("\n")[0].getBytes(StandardCharsets.UTF_8));
        JsonObject refIntent = JsonReader.strict().readObject(text(reference.get("intents.jsonl")).split("\n")[0].getBytes(StandardCharsets.UTF_8));
        assertThat(rawIntent.has("args")).isTrue();
        assertThat(refIntent.has("args")).isFalse();
        assertThat(rawIntent.string("args_digest")).isEqualTo(refIntent.string("args_digest"));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
