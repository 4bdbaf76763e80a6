package dev.gait.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import dev.gait.testkit.GaitSchemas;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenID AuthZEN 1.0 evaluation API mapped onto gate intents. */
class AuthzenApiTest extends RunningSidecar {

    @Test
    void allow_is_decision_true_with_a_signed_trace() throws Exception {
        JsonObject response = fixture.postJson("/access/v1/evaluation", SidecarFixture.evaluation("tool.read"));
        assertThat(response.get("decision")).contains(JsonBoolean.TRUE);
        JsonObject context = response.object("context").orElseThrow();
        assertThat(context.string("verdict")).contains("allow");
        String prefix = "trace_" + context.string("trace_id").orElseThrow() + "_";
        List<Path> traces;
        try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("traces"))) {
            traces = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
        }
        assertThat(traces).hasSize(1);
        GaitSchemas.assertValid("gate/trace_record", Files.readString(traces.getFirst()));
    }

    @Test
    void block_is_decision_false_with_the_reason() {
        JsonObject response = fixture.postJson("/access/v1/evaluation", SidecarFixture.evaluation("tool.delete"));
        assertThat(response.get("decision")).contains(JsonBoolean.FALSE);
        JsonObject context = response.object("context").orElseThrow();
        assertThat(context.string("verdict")).contains("block");
        assertThat(context.array("reason_codes").orElseThrow().elements()).contains(new JsonString("destructive"));
    }

    @Test
    void require_approval_is_decision_false_with_what_to_do_next() {
        JsonObject context = fixture.postJson("/access/v1/evaluation", SidecarFixture.evaluation("tool.write"))
                .object("context").orElseThrow();
        assertThat(context.string("verdict")).contains("require_approval");
        assertThat(context.string("reason")).isPresent();
        assertThat(context.string("next_step").orElseThrow())
                .contains("gait approve --intent-digest " + context.string("intent_digest").orElseThrow())
                .contains("--policy-digest " + context.string("policy_digest").orElseThrow())
                .contains("--scope tool:tool.write");
    }

    @Test
    void the_mapping_puts_subject_resource_and_context_into_the_intent() {
        // the resource's type must be a target kind: an unknown kind is refused, not guessed
        HttpResponse<String> wrongKind = fixture.post("/access/v1/evaluation",
                SidecarFixture.evaluation("tool.read").replace("\"type\":\"path\"", "\"type\":\"document\""));
        assertThat(wrongKind.statusCode()).isEqualTo(400);
        assertThat(SidecarFixture.json(wrongKind).get("decision")).contains(JsonBoolean.FALSE);
        // without the context's workspace the intent is incomplete
        HttpResponse<String> noWorkspace = fixture.post("/access/v1/evaluation",
                SidecarFixture.evaluation("tool.read").replace("\"workspace\":\"/repo\",", ""));
        assertThat(noWorkspace.statusCode()).isEqualTo(400);
        // subject properties fill the context too
        JsonObject fromSubject = fixture.postJson("/access/v1/evaluation", SidecarFixture.evaluation("tool.read")
                .replace("\"workspace\":\"/repo\",", "").replace("\"id\":\"agent\"}", "\"id\":\"agent\",\"properties\":{\"workspace\":\"/repo\"}}"));
        assertThat(fromSubject.get("decision")).contains(JsonBoolean.TRUE);
    }

    @Test
    void batch_applies_defaults_and_each_evaluations_semantic() {
        String items = "\"evaluations\":[{\"action\":{\"name\":\"tool.read\"}},{\"action\":{\"name\":\"tool.delete\"}},{\"action\":{\"name\":\"tool.read\"}}]";
        String defaults = SidecarFixture.evaluation("tool.unused");
        String base = defaults.substring(0, defaults.length() - 1) + "," + items;

        assertThat(decisions(fixture.postJson("/access/v1/evaluations", base + "}"))).containsExactly(true, false, true);
        assertThat(decisions(fixture.postJson("/access/v1/evaluations",
                base + ",\"options\":{\"evaluations_semantic\":\"execute_all\"}}"))).containsExactly(true, false, true);
        assertThat(decisions(fixture.postJson("/access/v1/evaluations",
                base + ",\"options\":{\"evaluations_semantic\":\"deny_on_first_deny\"}}"))).containsExactly(true, false);
        assertThat(decisions(fixture.postJson("/access/v1/evaluations",
                base + ",\"options\":{\"evaluations_semantic\":\"permit_on_first_permit\"}}"))).containsExactly(true);
        assertThat(fixture.post("/access/v1/evaluations", base + ",\"options\":{\"evaluations_semantic\":\"all\"}}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void a_batch_without_items_is_one_evaluation_and_a_bad_item_is_a_denied_item() {
        JsonObject single = fixture.postJson("/access/v1/evaluations", SidecarFixture.evaluation("tool.read"));
        assertThat(single.get("decision")).contains(JsonBoolean.TRUE);

        String defaults = SidecarFixture.evaluation("tool.read");
        JsonObject mixed = fixture.postJson("/access/v1/evaluations", defaults.substring(0, defaults.length() - 1)
                + ",\"evaluations\":[{\"resource\":{\"type\":\"path\"}},{}]}");
        List<JsonValue> results = mixed.array("evaluations").orElseThrow().elements();
        assertThat(decisions(mixed)).containsExactly(false, true);
        JsonObject error = ((JsonObject) results.getFirst()).object("context").orElseThrow().object("error").orElseThrow();
        assertThat(error.get("status").orElseThrow().toString()).contains("400");
        assertThat(error.string("message").orElseThrow()).contains("resource.id");
    }

    @Test
    void errors_are_decision_false_and_metadata_names_the_endpoints() {
        HttpResponse<String> malformed = fixture.post("/access/v1/evaluation", "{");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(SidecarFixture.json(malformed).get("decision")).contains(JsonBoolean.FALSE);
        HttpResponse<String> echoed = fixture.post("/access/v1/evaluation", SidecarFixture.evaluation("tool.read"), "X-Request-ID", "req-42");
        assertThat(echoed.headers().firstValue("X-Request-ID")).contains("req-42");

        JsonObject metadata = SidecarFixture.json(fixture.get("/.well-known/authzen-configuration"));
        String base = fixture.sidecar.url().toString();
        assertThat(metadata.string("policy_decision_point")).contains(base);
        assertThat(metadata.string("access_evaluation_endpoint")).contains(base + "/access/v1/evaluation");
        assertThat(metadata.string("access_evaluations_endpoint")).contains(base + "/access/v1/evaluations");
    }

    private static List<Boolean> decisions(JsonObject batch) {
        return batch.array("evaluations").orElseThrow().elements().stream()
                .map(item -> ((JsonObject) item).get("decision").orElseThrow().equals(JsonBoolean.TRUE))
                .toList();
    }
}
