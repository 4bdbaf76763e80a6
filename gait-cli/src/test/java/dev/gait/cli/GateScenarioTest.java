package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.LocalKeyStore;
import dev.gait.core.sign.SignatureRecord;
import dev.gait.core.sign.Signatures;
import dev.gait.core.yaml.StrictYaml;
import dev.gait.core.yaml.YamlMap;
import dev.gait.testkit.GaitReference;
import dev.gait.testkit.GaitSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared Gait v1 acceptance scenarios, run through the real command line. */
class GateScenarioTest {

    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString()), Clock.systemUTC());
    }

    private Path copy(String scenario, String file) throws Exception {
        Path target = dir.resolve(scenario + "-" + file);
        Files.write(target, GaitReference.bytes("scenarios/" + scenario + "/" + file));
        return target;
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy-block-destructive", "policy-allow-safe-tools"})
    void verdict_matrices(String scenario) throws Exception {
        Path policy = copy(scenario, "policy.yaml");
        List<String> intents = GaitReference.text("scenarios/" + scenario + "/intents.jsonl").lines().filter(l -> !l.isBlank()).toList();
        List<String> expected = GaitReference.text("scenarios/" + scenario + "/expected-verdicts.jsonl").lines().filter(l -> !l.isBlank()).toList();
        for (int i = 0; i < intents.size(); i++) {
            Path intent = dir.resolve(scenario + "-intent-" + i + ".json");
            Files.writeString(intent, intents.get(i));
            JsonObject want = JsonReader.strict().readObject(expected.get(i).getBytes(StandardCharsets.UTF_8));
            CliRunner.Result result = cli().run("gate", "eval", "--policy", policy.toString(), "--intent", intent.toString(), "--json");
            assertThat(result.exitCode()).as("intent %d", i + 1).isEqualTo((int) number(want, "exit_code"));
            assertThat(result.json().string("verdict")).as("intent %d", i + 1).isEqualTo(want.string("verdict"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dry-run-no-side-effects", "script-threshold-approval-determinism", "script-max-steps-exceeded"})
    void single_intent_scenarios(String scenario) throws Exception {
        YamlMap expected = StrictYaml.loadMap(GaitReference.text("scenarios/" + scenario + "/expected.yaml"), "expected.yaml");
        YamlMap flags = StrictYaml.loadMap(GaitReference.text("scenarios/" + scenario + "/flags.yaml"), "flags.yaml");
        List<String> args = new ArrayList<>(List.of("gate", "eval", "--policy", copy(scenario, "policy.yaml").toString(),
                "--intent", copy(scenario, "intent.json").toString(), "--json"));
        if (flags.bool("simulate")) {
            args.add("--simulate");
        }
        long repeat = flags.integer("repeat").orElse(1L);
        List<JsonObject> runs = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            CliRunner.Result result = cli().run(args.toArray(String[]::new));
            assertThat(result.exitCode()).isEqualTo(expected.integer("exit_code").orElseThrow().intValue());
            runs.add(result.json());
        }
        JsonObject json = runs.getFirst();
        assertThat(json.string("verdict")).contains(expected.string("verdict"));
        if (expected.has("ok")) {
            assertThat(json.get("ok").orElseThrow().toString()).contains(String.valueOf(expected.bool("ok")).toUpperCase());
        }
        if (expected.has("simulate_mode")) {
            assertThat(json.has("simulate_mode")).isEqualTo(expected.bool("simulate_mode"));
        }
        if (expected.has("step_count")) {
            assertThat(number(json, "step_count")).isEqualTo(expected.integer("step_count").orElseThrow());
            assertThat(json.array("step_verdicts").orElseThrow().size()).isEqualTo(expected.integer("step_verdict_count").orElseThrow().intValue());
            assertThat(json.string("composite_risk_class")).contains(expected.string("composite_risk_class"));
        }
        List<String> reasons = strings(json.array("reason_codes").orElse(JsonArray.EMPTY));
        assertThat(reasons).containsAll(expected.strings("reason_codes_must_include"));
        assertThat(reasons).containsAll(expected.strings("reason_codes"));
        for (JsonObject run : runs) {
            // determinism across runs: everything but the trace's observation time
            for (String key : List.of("verdict", "reason_codes", "script_hash", "step_verdicts", "intent_digest", "policy_digest", "trace_id")) {
                assertThat(run.get(key)).as(key).isEqualTo(json.get(key));
            }
        }
    }

    @Test
    void the_approval_scenario_reproduces_both_digests_and_writes_a_verifiable_trace() throws Exception {
        CliRunner.Result result = cli().run("gate", "eval", "--policy", copy("approval-token-valid", "policy.yaml").toString(),
                "--intent", copy("approval-token-valid", "intent.json").toString(), "--json");
        JsonObject json = result.json();
        assertThat(json.string("intent_digest")).contains("4b53bb79e35105ac9170963ac6f84ed0ed15530c68f06a46fc1233c5ec766913");
        assertThat(json.string("policy_digest")).contains("07a528a879e4f0e0cd5a0e2ca801924746b47dac624862207ef21d4ec266f8f9");
        assertThat(result.exitCode()).as("no approval token presented").isEqualTo(4);

        Path tracePath = dir.resolve(json.string("trace_path").orElseThrow());
        String traceText = Files.readString(tracePath);
        GaitSchemas.assertValid("gate/trace_record", traceText);
        JsonObject trace = JsonReader.strict().readObject(traceText.getBytes(StandardCharsets.UTF_8));
        byte[] publicKey = LocalKeyStore.forEnvironment(Map.of("GAIT_HOME", dir.resolve("home").toString())).publicKey().orElseThrow();
        SignatureRecord signature = SignatureRecord.fromJson(trace.object("signature").orElseThrow());
        assertThat(Signatures.verifyDigest(publicKey, signature, Digests.jcsHex(trace.without("signature"))).verified()).isTrue();
        JsonObject tampered = trace.toBuilder().put("verdict", "allow").build();
        assertThat(Signatures.verifyDigest(publicKey, signature, Digests.jcsHex(tampered.without("signature"))).verified()).isFalse();
        assertThat(json.string("trace_id")).contains(dev.gait.core.digest.Ids.h12(
                "07a528a879e4f0e0cd5a0e2ca801924746b47dac624862207ef21d4ec266f8f9:4b53bb79e35105ac9170963ac6f84ed0ed15530c68f06a46fc1233c5ec766913:require_approval"));
        assertThat(Ed25519KeyPair.keyId(publicKey)).isEqualTo(signature.keyId());
    }

    @Test
    void explain_json_describes_the_policy_outcome_and_validates() throws Exception {
        CliRunner.Result result = cli().run("gate", "eval", "--policy", copy("policy-block-destructive", "policy.yaml").toString(),
                "--intent", copy("approval-token-valid", "intent.json").toString(), "--explain", "--json");
        JsonObject json = result.json();
        assertThat(json.string("schema_id")).contains("gait.gate.policy_explain");
        assertThat(json.string("verdict")).contains("block");
        assertThat(result.exitCode()).isEqualTo(3);
        GaitSchemas.assertValid("gate/policy_explain", dev.gait.core.canon.Jcs.canonicalString(json.without("correlation_id")));
        assertThat(cli().run("gate", "eval", "--explain").stdout()).startsWith("gate eval decides");
    }

    @Test
    void context_evidence_binds_through_a_verified_envelope() throws Exception {
        String record = "{\"ref_id\":\"ref_1\",\"source_type\":\"doc\",\"source_locator\":\"wiki/page\",\"query_digest\":\""
                + Digests.sha256Hex("q") + "\",\"content_digest\":\"" + Digests.sha256Hex("c")
                + "\",\"retrieved_at\":\"2026-03-10T11:59:00Z\",\"redaction_mode\":\"reference\"}";
        Files.writeString(dir.resolve("envelope.json"), "{\"context_set_id\":\"ctx\",\"evidence_mode\":\"required\",\"records\":[" + record + "]}");
        Files.writeString(dir.resolve("policy.yaml"), """
                default_verdict: block
                fail_closed: {enabled: true, risk_classes: [high]}
                rules:
                  - {name: grounded-write, effect: allow, match: {tool_names: [tool.write]}, require_context_evidence: true, max_context_age_seconds: 300}
                """);
        String intent = "{\"tool_name\":\"tool.write\",\"args\":{},\"targets\":[{\"kind\":\"path\",\"value\":\"/tmp/x\",\"operation\":\"write\"}],"
                + "\"arg_provenance\":[{\"arg_path\":\"$.p\",\"source\":\"user\"}],"
                + "\"context\":{\"identity\":\"a\",\"workspace\":\"/repo\",\"risk_class\":\"RISK\",\"context_set_digest\":\"CLAIM\"}}";
        String digest = dev.gait.core.context.ContextEnvelope.parse(Files.readAllBytes(dir.resolve("envelope.json")), false).contextSetDigest();
        Files.writeString(dir.resolve("claims.json"), intent.replace("RISK", "low").replace("CLAIM", digest));
        Files.writeString(dir.resolve("wrong-claim.json"), intent.replace("RISK", "high").replace("CLAIM", "a".repeat(64)));
        Files.writeString(dir.resolve("wrong-claim-low.json"), intent.replace("RISK", "low").replace("CLAIM", "a".repeat(64)));
        String[] base = {"gate", "eval", "--policy", "policy.yaml", "--evaluation-time", "2026-03-10T12:00:00Z", "--json"};

        CliRunner.Result bound = cli().run(concat(base, "--intent", "claims.json", "--context-envelope", "envelope.json"));
        assertThat(bound.exitCode()).as(bound.stdout()).isZero();
        assertThat(bound.json().string("context_set_digest")).contains(digest);
        String[] later = base.clone();
        later[5] = "2026-03-10T13:00:00Z";
        assertThat(cli().run(concat(later, "--intent", "claims.json", "--context-envelope", "envelope.json")).json()
                .array("reason_codes").orElseThrow().toString()).contains("context_freshness_exceeded");
        CliRunner.Result unbound = cli().run(concat(base, "--intent", "claims.json"));
        assertThat(unbound.exitCode()).as("claims without an envelope are not trusted").isEqualTo(3);
        CliRunner.Result mismatched = cli().run(concat(base, "--intent", "wrong-claim.json", "--context-envelope", "envelope.json"));
        assertThat(mismatched.exitCode()).isEqualTo(3);
        assertThat(mismatched.json().array("reason_codes").orElseThrow().toString()).contains("fail_closed_intent_invalid");
        assertThat(cli().run(concat(base, "--intent", "wrong-claim-low.json", "--context-envelope", "envelope.json")).exitCode())
                .isEqualTo(6);
    }

    @Test
    void a_wrkr_inventory_enriches_the_context_and_fails_closed_for_high_risk() throws Exception {
        Files.writeString(dir.resolve("inventory.json"), "{\"items\":[{\"Tool_Name\":\"Tool.Export\",\"data_class\":\"pii\","
                + "\"endpoint_class\":\"net.http\",\"autonomy_level\":\"autonomous\"}]}");
        Files.writeString(dir.resolve("policy.yaml"), """
                default_verdict: allow
                rules:
                  - {name: no-pii-egress, effect: block, match: {context_data_classes: [pii], context_autonomy_levels: [autonomous]}}
                """);
        String intent = "{\"tool_name\":\"tool.export\",\"args\":{},\"context\":{\"identity\":\"a\",\"workspace\":\"/r\",\"risk_class\":\"RISK\"}}";
        Files.writeString(dir.resolve("low.json"), intent.replace("RISK", "low"));
        Files.writeString(dir.resolve("high.json"), intent.replace("RISK", "high"));

        CliRunner.Result enriched = cli().run("gate", "eval", "--policy", "policy.yaml", "--intent", "low.json",
                "--wrkr-inventory", "inventory.json", "--json");
        assertThat(enriched.exitCode()).isEqualTo(3);
        assertThat(enriched.json().string("matched_rule")).contains("no-pii-egress");
        assertThat(cli().run("gate", "eval", "--policy", "policy.yaml", "--intent", "low.json", "--json").exitCode())
                .as("without the inventory the rule has nothing to match").isZero();

        CliRunner.Result missingLow = cli().run("gate", "eval", "--policy", "policy.yaml", "--intent", "low.json",
                "--wrkr-inventory", "absent.json", "--json");
        assertThat(missingLow.exitCode()).isZero();
        assertThat(missingLow.json().array("warnings").orElseThrow().toString()).contains("wrkr inventory unavailable");
        CliRunner.Result missingHigh = cli().run("gate", "eval", "--policy", "policy.yaml", "--intent", "high.json",
                "--wrkr-inventory", "absent.json", "--json");
        assertThat(missingHigh.exitCode()).isEqualTo(3);
        assertThat(missingHigh.json().string("error").orElseThrow()).contains("wrkr inventory unavailable in fail-closed mode");
    }

    @Test
    void an_active_kill_switch_blocks_whatever_the_policy_says() throws Exception {
        Files.writeString(dir.resolve("allow.yaml"), "default_verdict: allow\n");
        Files.writeString(dir.resolve("state.json"), """
                {"schema_id":"gait.gate.kill_switch_state","schema_version":"1.0.0","created_at":"2026-03-01T00:00:00Z",
                 "updated_at":"2026-03-01T00:00:00Z","producer_version":"0.0.0-dev","entries":[
                  {"entry_id":"ks-1","enabled":true,"identity":"alice","created_at":"2026-03-01T00:00:00Z"},
                  {"entry_id":"ks-2","enabled":true,"tool_name":"SHELL.EXEC","created_at":"2026-03-01T00:00:00Z","expires_at":"2026-03-02T00:00:00Z"}]}
                """);
        String intent = "{\"tool_name\":\"TOOL\",\"args\":{},\"context\":{\"identity\":\"WHO\",\"workspace\":\"/r\",\"risk_class\":\"low\"}}";
        Files.writeString(dir.resolve("alice.json"), intent.replace("TOOL", "tool.read").replace("WHO", "alice"));
        Files.writeString(dir.resolve("bob.json"), intent.replace("TOOL", "tool.read").replace("WHO", "bob"));
        Files.writeString(dir.resolve("script.json"), "{\"script\":{\"steps\":[{\"tool_name\":\"tool.read\"},{\"tool_name\":\"shell.exec\"}]},"
                + "\"context\":{\"identity\":\"bob\",\"workspace\":\"/r\",\"risk_class\":\"low\"}}");
        String[] base = {"gate", "eval", "--policy", "allow.yaml", "--kill-switch-state", "state.json", "--evaluation-time", "2026-03-01T12:00:00Z", "--json"};

        CliRunner.Result alice = cli().run(concat(base, "--intent", "alice.json"));
        assertThat(alice.exitCode()).isEqualTo(3);
        assertThat(alice.json().array("reason_codes").orElseThrow().toString()).contains("kill_switch_active", "kill_switch_identity_active");
        assertThat(alice.json().object("kill_switch").orElseThrow().string("status")).contains("active");
        assertThat(cli().run(concat(base, "--intent", "bob.json")).exitCode()).isZero();
        assertThat(cli().run(concat(base, "--intent", "script.json")).json().array("reason_codes").orElseThrow().toString())
                .as("a tool selector also stops scripts that contain the tool").contains("kill_switch_tool_name_active");
        String[] later = base.clone();
        later[7] = "2026-03-05T00:00:00Z";
        assertThat(cli().run(concat(later, "--intent", "script.json")).exitCode()).as("expired entries are off").isZero();

        Files.writeString(dir.resolve("broken.json"), "{");
        Files.writeString(dir.resolve("bob-high.json"), intent.replace("TOOL", "tool.read").replace("WHO", "bob").replace("low", "high"));
        assertThat(cli().run("gate", "eval", "--policy", "allow.yaml", "--kill-switch-state", "broken.json", "--intent", "bob.json", "--json")
                .exitCode()).isEqualTo(6);
        CliRunner.Result unavailable = cli().run("gate", "eval", "--policy", "allow.yaml", "--kill-switch-state", "broken.json",
                "--intent", "bob-high.json", "--json");
        assertThat(unavailable.exitCode()).isEqualTo(3);
        assertThat(unavailable.json().array("reason_codes").orElseThrow().toString()).contains("kill_switch_state_unavailable");
        assertThat(unavailable.json().array("warnings").orElseThrow().toString()).contains("kill switch state unavailable");
    }

    @Test
    void project_config_supplies_defaults_and_flags_win() throws Exception {
        Files.createDirectories(dir.resolve(".gait"));
        Files.writeString(dir.resolve("block.yaml"), "default_verdict: block\n");
        Files.writeString(dir.resolve("allow.yaml"), "default_verdict: allow\n");
        Files.writeString(dir.resolve(".gait/config.yaml"), """
                gate:
                  policy: block.yaml
                  trace_path: traces/last.json
                  credential_broker: stub
                mcp_serve: {enabled: false}
                """);
        Files.writeString(dir.resolve("read.json"), "{\"tool_name\":\"tool.read\",\"args\":{},\"context\":{\"identity\":\"a\",\"workspace\":\"/r\",\"risk_class\":\"low\"}}");

        CliRunner.Result fromConfig = cli().run("gate", "eval", "--intent", "read.json", "--json");
        assertThat(fromConfig.exitCode()).isEqualTo(3);
        assertThat(fromConfig.json().string("trace_path")).contains("traces/last.json");
        assertThat(cli().run("gate", "eval", "--intent", "read.json", "--policy", "allow.yaml", "--json").exitCode()).isZero();
        assertThat(cli().run("gate", "eval", "--intent", "read.json", "--no-config", "--json").json().string("error"))
                .contains("missing required --policy");
        assertThat(cli().run("gate", "eval", "--intent", "read.json", "--config", "absent.yaml", "--json").exitCode()).isEqualTo(6);
        Files.writeString(dir.resolve(".gait/config.yaml"), "gate:\n  polcy: block.yaml\n");
        assertThat(cli().run("gate", "eval", "--intent", "read.json", "--json").json().string("error").orElseThrow())
                .contains("unknown field gate.polcy");
    }

    @Test
    void freeze_window_and_sandbox_decisions_land_in_a_schema_valid_trace() throws Exception {
        Files.writeString(dir.resolve("freeze.yaml"), """
                default_verdict: allow
                rules:
                  - name: freeze-and-sandbox
                    effect: allow
                    freeze_window: {timezone: America/Toronto, windows: [{name: release, start: "2026-03-10T09:00:00", end: "2026-03-10T17:00:00"}]}
                    sandbox: {allowed_network_modes: [disabled]}
                """);
        Files.writeString(dir.resolve("read.json"), "{\"tool_name\":\"tool.read\",\"args\":{},\"context\":{\"identity\":\"a\","
                + "\"workspace\":\"/r\",\"risk_class\":\"low\",\"sandbox\":{\"network_mode\":\"full\"}}}");
        CliRunner.Result result = cli().run("gate", "eval", "--policy", "freeze.yaml", "--intent", "read.json",
                "--evaluation-time", "2026-03-10T14:30:00Z", "--json");
        assertThat(result.exitCode()).isEqualTo(3);
        JsonObject json = result.json();
        assertThat(json.object("freeze_window").orElseThrow().string("status")).contains("active");
        assertThat(json.object("freeze_window").orElseThrow().string("window_start")).contains("2026-03-10T09:00:00-04:00");
        assertThat(json.object("sandbox").orElseThrow().string("status")).contains("missing");
        GaitSchemas.assertValid("gate/trace_record", Files.readString(dir.resolve(json.string("trace_path").orElseThrow())));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void the_two_step_script_hash_matches_gait_v1() throws Exception {
        JsonObject json = cli().run("gate", "eval", "--policy", copy("script-max-steps-exceeded", "policy.yaml").toString(),
                "--intent", copy("script-max-steps-exceeded", "intent.json").toString(), "--json").json();
        assertThat(json.string("script_hash")).contains("4a132cd1a51cc226c73b0cbae9528905fbbaa80b7fe06bb632a62d9647001c11");
    }

    @Test
    void bad_input_never_allows() throws Exception {
        Path policy = copy("policy-allow-safe-tools", "policy.yaml");
        Files.writeString(dir.resolve("broken.json"), "{\"tool_name\":");
        Files.writeString(dir.resolve("no-context.json"), "{\"tool_name\":\"tool.read\"}");
        Files.writeString(dir.resolve("bad.yaml"), "default_verdict: allow\nrules: [{name: r, effect: allow, match: {tool_namez: [x]}}]");
        Files.writeString(dir.resolve("bomb.yaml"), "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                + "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n");
        Path intent = copy("policy-allow-safe-tools", "intents.jsonl");
        Files.writeString(intent, GaitReference.text("scenarios/policy-allow-safe-tools/intents.jsonl").lines().findFirst().orElseThrow());
        String[][] cases = {
            {"--policy", policy.toString(), "--intent", "broken.json"},
            {"--policy", policy.toString(), "--intent", "no-context.json"},
            {"--policy", "bad.yaml", "--intent", intent.toString()},
            {"--policy", "bomb.yaml", "--intent", intent.toString()},
            {"--policy", "missing.yaml", "--intent", intent.toString()},
            {"--policy", policy.toString()},
            {"--policy", policy.toString(), "--intent", intent.toString(), "--key-mode", "prod"},
            {"--policy", policy.toString(), "--intent", intent.toString(), "--profile", "oss-prod"},
        };
        for (String[] flags : cases) {
            List<String> args = new ArrayList<>(List.of("gate", "eval", "--json"));
            args.addAll(List.of(flags));
            CliRunner.Result result = cli().run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(String.join(" ", flags)).isEqualTo(6);
            assertThat(result.json().string("verdict")).as(String.join(" ", flags)).isEmpty();
            assertThat(result.json().string("error_code")).contains("invalid_input");
        }
    }

    private static long number(JsonObject json, String key) {
        return (long) ((dev.gait.core.json.JsonNumber) json.get(key).orElseThrow()).value();
    }

    private static List<String> strings(JsonArray array) {
        return array.elements().stream().map(v -> ((dev.gait.core.json.JsonString) v).value()).toList();
    }
}
