package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import dev.gait.testkit.GaitReference;
import dev.gait.testkit.GaitSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Real artifacts for guard tests, made by the real commands: a recorded runpack, gate traces with
 * their approval audits and credential evidence (the approval-token scenario, brokered), and regress
 * results written by hand against the v1 schema.
 */
final class GuardFixture {
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private final Path dir;

    GuardFixture(Path dir) throws Exception {
        this.dir = dir;
        for (String file : List.of("policy.yaml", "intent.json", "approval-token.json", "approval_public.key")) {
            Files.write(dir.resolve(file), GaitReference.bytes("scenarios/approval-token-valid/" + file));
        }
        assertThat(cli().run("keys", "init", "--out-dir", "k").exitCode()).isZero();
    }

    CliRunner cli() {
        return cli(Map.of());
    }

    CliRunner cli(Map<String, String> extraEnvironment) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("GAIT_HOME", dir.resolve("home").toString()));
        env.putAll(extraEnvironment);
        return new CliRunner(dir, env, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Records {@code gait-out/runpack_<runId>.zip}, a run of one tool call created at {@code createdAt}. */
    Path run(String runId, String createdAt) throws Exception {
        Files.writeString(dir.resolve(runId + ".json"), """
                {"run":{"run_id":"%s","created_at":"%s"},
                 "intents":[{"intent_id":"intent_1","tool_name":"tool.write","args":{"path":"/tmp/approve-valid.txt"}}],
                 "results":[{"intent_id":"intent_1","status":"ok","result":{"written":true}}]}
                """.formatted(runId, createdAt));
        CliRunner.Result recorded = cli().run("run", "record", "--input", runId + ".json");
        assertThat(recorded.exitCode()).as(recorded.stdout()).isZero();
        return dir.resolve("gait-out/runpack_" + runId + ".zip");
    }

    /**
     * An approved, brokered {@code gate eval} of the scenario intent created at {@code createdAt}:
     * writes {@code trace_<stem>.json}, {@code approval_audit_<stem>.json} and
     * {@code credential_evidence_<stem>.json} into {@code directory}.
     */
    JsonObject gate(String directory, String stem, String createdAt) throws Exception {
        Files.writeString(dir.resolve("intent-" + stem + ".json"),
                Files.readString(dir.resolve("intent.json")).replace("2026-02-18T00:00:00Z", createdAt));
        CliRunner.Result result = cli().run("gate", "eval", "--policy", "policy.yaml", "--intent", "intent-" + stem + ".json",
                "--approval-token", "approval-token.json", "--approval-public-key", "approval_public.key", "--profile", "oss-prod",
                "--credential-broker", "stub", "--credential-scopes", "repo:write", "--key-mode", "prod", "--private-key", "k/gait_private.key",
                "--trace-out", directory + "/trace_" + stem + ".json",
                "--approval-audit-out", directory + "/approval_audit_" + stem + ".json",
                "--credential-evidence-out", directory + "/credential_evidence_" + stem + ".json", "--json");
        assertThat(result.exitCode()).as(result.stdout()).isZero();
        return result.json();
    }

    /** A schema-valid {@code gait.regress.result}. */
    Path regress(String path, String createdAt, String status) throws Exception {
        String json = """
                {"schema_id":"gait.regress.result","schema_version":"1.0.0","created_at":"%s","producer_version":"0.0.0-dev",
                 "fixture_set":"fixtures/run_incident","status":"%s",
                 "graders":[{"name":"diff","status":"%s","reason_codes":[]}]}
                """.formatted(createdAt, status, status);
        GaitSchemas.assertValid("regress/regress_result", json);
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file;
    }
}
