package dev.gait.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.gate.GateTraceVerifier;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.testkit.GaitSchemas;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /v1/gate/evaluate}: each verdict, a signed schema-valid trace per decision, fail-closed errors. */
class NativeApiTest extends RunningSidecar {

    @ParameterizedTest
    @CsvSource({"tool.read,allow,", "tool.delete,block,destructive", "tool.write,require_approval,needs_review"})
    void decides_each_verdict_and_writes_a_signed_schema_valid_trace(String tool, String verdict, String reason) throws Exception {
        HttpResponse<String> response = fixture.post("/v1/gate/evaluate", SidecarFixture.intent(tool));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject result = SidecarFixture.json(response);
        assertThat(result.string("verdict")).contains(verdict);
        assertThat(result.get("ok")).contains(JsonBoolean.TRUE);
        assertThat(result.string("policy_digest")).contains(Policy.parse(SidecarFixture.POLICY, "p").digest());
        if (reason != null) {
            assertThat(result.array("reason_codes").orElseThrow().elements()).contains(new JsonString(reason));
        }

        Path trace = Path.of(result.string("trace_path").orElseThrow());
        assertThat(trace).startsWith(dir.resolve("traces")).hasFileName("trace_" + result.string("trace_id").orElseThrow() + "_"
                + dev.gait.core.json.JsonReader.strict().readObject(Files.readAllBytes(trace)).string("event_id").orElseThrow() + ".json");
        byte[] bytes = Files.readAllBytes(trace);
        GaitSchemas.assertValid("gate/trace_record", new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        GateTraceVerifier.Report report = GateTraceVerifier.verify(bytes, trace.toString(), List.of(fixture.keyPair.publicKey()), true);
        assertThat(report.ok()).as(report.failure()).isTrue();
        assertThat(report.trace().string("verdict")).contains(verdict);
    }

    @Test
    void malformed_or_invalid_intents_are_blocked_with_the_error_envelope() {
        for (String body : List.of("{not json", "[]", "{\"tool_name\":\"tool.read\"}")) {
            HttpResponse<String> response = fixture.post("/v1/gate/evaluate", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            JsonObject error = SidecarFixture.json(response);
            assertThat(error.string("verdict")).contains("block");
            assertThat(error.string("error_code")).contains("invalid_input");
            assertThat(error.string("error")).isPresent().get().asString().isNotBlank();
            assertThat(error.string("correlation_id")).contains("0123456789abcdef01234567");
        }
    }

    @Test
    void a_decision_whose_trace_cannot_be_recorded_is_a_server_failure_and_not_an_allow() throws Exception {
        Path traces = dir.resolve("traces");
        if (Files.isDirectory(traces)) {
            try (var entries = Files.list(traces)) {
                for (Path entry : entries.toList()) {
                    Files.delete(entry);
                }
            }
            Files.delete(traces);
        }
        Files.writeString(traces, "not a directory");
        HttpResponse<String> response = fixture.post("/v1/gate/evaluate", SidecarFixture.intent("tool.read"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(SidecarFixture.json(response).string("verdict")).contains("block");
    }

    @Test
    void unknown_paths_and_methods_are_refused() {
        assertThat(fixture.get("/v1/gate/evaluate").statusCode()).isEqualTo(405);
        assertThat(fixture.get("/v1/gate/evaluate").headers().firstValue("Allow")).contains("POST");
        assertThat(fixture.post("/nope", "{}").statusCode()).isEqualTo(404);
    }
}
