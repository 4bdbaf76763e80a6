package dev.gait.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.testkit.GaitSchemas;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema helper accepts conforming artifacts and names what is wrong with others. */
class SchemaHelperTest {

    private static JsonObject manifest(String runId, String createdAt) {
        return JsonObject.builder()
                .put("schema_id", "gait.runpack.manifest")
                .put("schema_version", "1.0.0")
                .put("created_at", createdAt)
                .put("producer_version", "0.0.0-dev")
                .put("run_id", runId)
                .put("capture_mode", "reference")
                .put("files", new JsonArray(List.<JsonValue>of(JsonObject.builder()
                        .put("path", "run.json").put("sha256", Digests.sha256Hex("x")).build())))
                .put("manifest_digest", Digests.sha256Hex("m"))
                .build();
    }

    @Test
    void accepts_a_conforming_manifest() {
        assertThat(GaitSchemas.violations("runpack/manifest", Jcs.canonicalString(manifest("run_demo", "2026-02-05T00:00:00Z"))))
                .isEmpty();
    }

    @Test
    void reports_patterns_formats_and_unknown_members() {
        assertThat(GaitSchemas.violations("runpack/manifest", Jcs.canonicalString(manifest("demo", "2026-02-05T00:00:00Z"))))
                .anyMatch(v -> v.contains("run_id"));
        assertThat(GaitSchemas.violations("runpack/manifest", Jcs.canonicalString(manifest("run_x", "yesterday"))))
                .anyMatch(v -> v.contains("created_at"));
        String extra = Jcs.canonicalString(manifest("run_x", "2026-02-05T00:00:00Z").toBuilder().put("extra", 1).build());
        assertThatThrownBy(() -> GaitSchemas.assertValid("runpack/manifest", extra))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("extra");
    }

    @Test
    void every_shipped_schema_loads() {
        for (String name : List.of("runpack/manifest", "runpack/run", "runpack/intent", "runpack/result", "runpack/refs",
                "gate/trace_record", "gate/intent_request", "pack/manifest", "regress/regress_result")) {
            assertThat(GaitSchemas.exists(name)).as(name).isTrue();
            assertThat(GaitSchemas.violations(name, "{}")).as(name).isNotEmpty();
        }
    }
}
