package dev.gait.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.canon.Jcs;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.testkit.GaitReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntentNormalizerTest {

    private static NormalizedIntent normalize(String json) {
        return IntentNormalizer.normalize(JsonReader.lenient().readObject(json.getBytes()));
    }

    private static final String CONTEXT = "\"context\":{\"identity\":\"alice\",\"workspace\":\"/repo\",\"risk_class\":\"low\"}";

    @Test
    void reproduces_the_intent_digest_of_the_approval_token_scenario() {
        NormalizedIntent intent = IntentNormalizer.normalize(JsonReader.lenient()
                .readObject(GaitReference.bytes("scenarios/approval-token-valid/intent.json")));
        assertThat(Jcs.canonicalString(intent.digestForm())).isEqualTo("{\"arg_provenance\":[{\"arg_path\":\"$.path\",\"source\":\"user\"}],"
                + "\"args\":{\"path\":\"/tmp/approve-valid.txt\"},\"context\":{\"identity\":\"agent.scenario\",\"phase\":\"apply\","
                + "\"risk_class\":\"high\",\"session_id\":\"sess-tier11\",\"workspace\":\"/repo/gait\"},\"targets\":[{\"discovery_method\":"
                + "\"unknown\",\"endpoint_class\":\"fs.write\",\"kind\":\"path\",\"operation\":\"write\",\"value\":\"/tmp/approve-valid.txt\"}],"
                + "\"tool_name\":\"tool.write\"}");
        assertThat(intent.intentDigest()).isEqualTo("4b53bb79e35105ac9170963ac6f84ed0ed15530c68f06a46fc1233c5ec766913");
    }

    @ParameterizedTest(name = "{0} {1} via {2} -> {3}")
    @CsvSource({
        "path, read, tool.x, fs.read",
        "path, truncate, tool.x, fs.delete",
        "path, '', fs/write_file, fs.write",
        "path, '', tools/search_docs, fs.read",
        "path, '', a/remove, fs.delete",
        "path, '', tool.x, other",
        "host, '', tool.x, net.http",
        "url, resolve, tool.x, net.dns",
        "other, spawn, tool.x, proc.exec",
        "other, '', shell.run, proc.exec",
        "bucket, delete, tool.x, other"
    })
    void infers_endpoint_classes(String kind, String operation, String tool, String expected) {
        assertThat(IntentNormalizer.inferEndpointClass(kind, operation, tool)).isEqualTo(expected);
    }

    @Test
    void targets_are_normalised_deduplicated_and_sorted() {
        NormalizedIntent intent = normalize("{\"tool_name\":\" Tool.Fetch \",\"args\":{\" q \":\" x \"},\"targets\":["
                + "{\"kind\":\"URL\",\"value\":\" https://API.example.com:8443/v1 \"},"
                + "{\"kind\":\"host\",\"value\":\"https://Example.org:80/x\",\"discovery_method\":\"Static-MCP\"},"
                + "{\"kind\":\"path\",\"value\":\"/tmp/x\",\"operation\":\"rm\"},"
                + "{\"kind\":\"path\",\"value\":\"/tmp/x\",\"operation\":\"rm\"}]," + CONTEXT + "}");
        assertThat(intent.toolName()).isEqualTo("tool.fetch");
        assertThat(Jcs.canonicalString(intent.args())).isEqualTo("{\"q\":\"x\"}");
        assertThat(intent.targets()).hasSize(3);
        assertThat(intent.targets().get(0).kind()).isEqualTo("host");
        assertThat(intent.targets().get(0).endpointDomain()).isEqualTo("example.org");
        assertThat(intent.targets().get(0).discoveryMethod()).isEqualTo("static_mcp");
        assertThat(intent.targets().get(1).destructive()).isTrue();
        assertThat(intent.targets().get(1).endpointClass()).isEqualTo("fs.delete");
        assertThat(intent.targets().get(2).endpointDomain()).isEqualTo("api.example.com");
        assertThat(intent.targets().get(2).endpointClass()).isEqualTo("net.http");
    }

    @Test
    void scripts_roll_up_step_targets_and_hash_their_steps() {
        NormalizedIntent intent = IntentNormalizer.normalize(JsonReader.lenient()
                .readObject(GaitReference.bytes("scenarios/script-max-steps-exceeded/intent.json")));
        assertThat(intent.isScript()).isTrue();
        assertThat(intent.toolName()).isEqualTo("script");
        assertThat(intent.steps()).isNotEmpty();
        assertThat(intent.targets()).isNotEmpty();
        assertThat(intent.scriptHash()).hasSize(64);
        assertThat(intent.digestForm().has("script")).isTrue();
    }

    @Test
    void delegation_chains_must_link_up_to_the_requester() {
        String chain = "\"delegation\":{\"requester_identity\":\"bob\",\"token_refs\":[\"b\",\"a\",\"a\"],\"chain\":["
                + "{\"delegator_identity\":\"alice\",\"delegate_identity\":\"carol\"},{\"delegator_identity\":\"carol\",\"delegate_identity\":\"bob\"}]}";
        NormalizedIntent intent = normalize("{\"tool_name\":\"t\"," + chain + "," + CONTEXT + "}");
        assertThat(Jcs.canonicalString(intent.delegation())).contains("\"token_refs\":[\"a\",\"b\"]").contains("\"issued_at\":\"0001-01-01T00:00:00Z\"");
        assertRejected("{\"tool_name\":\"t\",\"delegation\":{\"requester_identity\":\"bob\",\"chain\":[{\"delegator_identity\":\"a\",\"delegate_identity\":\"c\"}]}," + CONTEXT + "}",
                "requester_identity");
        assertRejected("{\"tool_name\":\"t\",\"delegation\":{\"requester_identity\":\"b\",\"chain\":[{\"delegator_identity\":\"a\",\"delegate_identity\":\"c\"},{\"delegator_identity\":\"x\",\"delegate_identity\":\"b\"}]}," + CONTEXT + "}",
                "previous link");
    }

    @Test
    void context_defaults_and_enums() {
        NormalizedIntent intent = normalize("{\"tool_name\":\"t\",\"context\":{\"identity\":\" Alice \",\"workspace\":\"C:\\\\repo\",\"risk_class\":\" HIGH \","
                + "\"credential_scopes\":[\"b\",\"a\"],\"credential_source\":\"GitHub_OIDC\",\"sandbox\":{\"writable_paths\":[\"/tmp/../tmp/x/\",\"/tmp/x\"]}}}");
        JsonObject context = intent.context();
        assertThat(context.string("identity")).contains("Alice");
        assertThat(context.string("workspace")).contains("C:/repo");
        assertThat(context.string("risk_class")).contains("high");
        assertThat(context.string("phase")).contains("apply");
        assertThat(context.string("credential_source")).contains("github_oidc");
        assertThat(Jcs.canonicalString(context.object("sandbox").orElseThrow())).isEqualTo("{\"writable_paths\":[\"/tmp/x\"]}");
        assertRejected("{\"tool_name\":\"t\",\"context\":{\"identity\":\"a\",\"workspace\":\"/\",\"risk_class\":\"low\",\"phase\":\"deploy\"}}", "context.phase");
        assertRejected("{\"tool_name\":\"t\",\"context\":{\"identity\":\"a\",\"workspace\":\"/\",\"risk_class\":\"low\",\"credential_access_type\":\"forever\"}}", "credential_access_type");
        assertRejected("{\"tool_name\":\"t\",\"context\":{\"identity\":\"a\",\"workspace\":\"/\"}}", "risk_class are required");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"api_key\":\"sk-live-abcdef\"}", "{\"nested\":{\"github_token\":\"ghp_abcdefghijklmnop\"}}",
        "{\"password\":\"hunter2hunter2hunter2x9\"}", "{\"creds\":[{\"secret\":\"AKIAIOSFODNN7EXAMPLE\"}]}"
    })
    void raw_credentials_in_args_are_rejected(String args) {
        assertRejected("{\"tool_name\":\"t\",\"args\":" + args + "," + CONTEXT + "}", "raw credential");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"api_key\":\"env:OPENAI_KEY\"}", "{\"token_ref\":\"ghp_abcdefghijklmnop\"}", "{\"password\":\"short1\"}",
        "{\"secret\":\"this has spaces 12345\"}", "{\"credential_digest\":\"sk-whatever\"}"
    })
    void references_and_non_secrets_pass(String args) {
        assertThat(normalize("{\"tool_name\":\"t\",\"args\":" + args + "," + CONTEXT + "}").args().isEmpty()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"args\":{}}", "{\"tool_name\":5}", "{\"tool_name\":\"t\",\"args\":[]}", "{\"tool_name\":\"t\",\"targets\":{}}",
        "{\"tool_name\":\"t\",\"targets\":[{\"kind\":\"file\",\"value\":\"/x\"}]}", "{\"tool_name\":\"t\",\"args\":{\" \":1}}",
        "{\"tool_name\":\"t\",\"targets\":[{\"kind\":\"path\",\"value\":\"/x\",\"endpoint_class\":\"fs.nuke\"}]}",
        "{\"tool_name\":\"t\",\"arg_provenance\":[{\"arg_path\":\"$.a\",\"source\":\"rumour\"}]}",
        "{\"tool_name\":\"t\",\"script\":{\"steps\":[]}}"
    })
    void malformed_intents_are_invalid_input(String partial) {
        String json = partial.substring(0, partial.length() - 1) + "," + CONTEXT + "}";
        assertThatThrownBy(() -> normalize(json)).isInstanceOf(GaitException.class).hasMessageStartingWith("invalid intent");
    }

    private static void assertRejected(String json, String message) {
        assertThatThrownBy(() -> normalize(json)).isInstanceOf(GaitException.class).hasMessageContaining(message);
    }
}
