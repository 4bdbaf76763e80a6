package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.zip.SafeZip;
import dev.gait.testkit.GaitSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code incident pack}: what lies within the window beside the runpack, the approval chain of those traces, signed. */
class IncidentPackTest {

    @TempDir
    Path dir;
    private GuardFixture fixture;
    private String policyDigest;

    @BeforeEach
    void incident() throws Exception {
        fixture = new GuardFixture(dir);
        fixture.run("run_incident", "2026-02-18T06:00:00Z");
        policyDigest = fixture.gate("gait-out", "near", "2026-02-18T00:00:00Z").string("policy_digest").orElseThrow();
        fixture.gate("gait-out", "old", "2026-02-10T00:00:00Z");
        Files.createDirectories(dir.resolve("gait-out/sub"));
        fixture.gate("gait-out/sub", "deep", "2026-02-18T01:00:00Z");
        fixture.regress("gait-out/regress_result.json", "2026-02-18T07:00:00Z", "fail");
        // an approval audit in the window for a trace the incident did not collect
        Files.writeString(dir.resolve("gait-out/approval_audit_other.json"), Files.readString(dir.resolve("gait-out/approval_audit_near.json"))
                .replace("8a640148677956eba29ff9cf", "0123456789abcdef01234567"));
        Files.writeString(dir.resolve("gait-out/trace_broken.json"), "{\"schema_id\":\"gait.gate.trace\",");
    }

    @Test
    void the_incident_pack_holds_the_window_around_the_run_and_the_approval_chain_of_its_traces() throws Exception {
        CliRunner.Result result = fixture.cli().run("incident", "pack", "--from", "run_incident", "--window", "12h", "--case-id", "INC-7", "--json");
        assertThat(result.exitCode()).as(result.stdout()).isZero();
        JsonObject json = result.json();
        assertThat(json.get("trace_count")).contains(new JsonNumber(1));
        assertThat(json.get("regress_count")).contains(new JsonNumber(1));
        assertThat(json.get("approval_audit_count")).contains(new JsonNumber(1));
        assertThat(json.get("credential_evidence_count")).contains(new JsonNumber(1));
        assertThat(strings(json.array("policy_digests").orElseThrow())).containsExactly(policyDigest);
        assertThat(json.string("window_from")).contains("2026-02-17T18:00:00Z");
        assertThat(json.string("window_to")).contains("2026-02-18T18:00:00Z");
        assertThat(json.array("skipped").orElseThrow().toString()).contains("trace_broken.json");
        assertThat(json.string("template_id")).contains("incident_response");
        assertThat(json.get("signed")).contains(JsonBoolean.TRUE);

        Path zip = dir.resolve(json.string("pack_path").orElseThrow()).normalize();
        assertThat(zip.getFileName().toString()).startsWith("evidence_pack_pack_");
        try (SafeZip pack = SafeZip.open(zip)) {
            String manifestText = new String(pack.read("pack_manifest.json", 1 << 20), StandardCharsets.UTF_8);
            GaitSchemas.assertValid("guard/pack_manifest", manifestText);
            JsonObject manifest = JsonReader.strict().readObject(manifestText.getBytes(StandardCharsets.UTF_8));
            assertThat(manifest.string("case_id")).contains("INC-7");
            assertThat(manifest.object("incident_window").orElseThrow().toString())
                    .contains("2026-02-17T18:00:00Z", "2026-02-18T18:00:00Z", "43200", "run_incident");
            assertThat(pack.names()).contains("policy_digests.json", "trace_summary.json", "regress_summary.json",
                    "approval_audit_01.json", "credential_evidence_01.json").doesNotContain("approval_audit_02.json");
            JsonObject policy = JsonReader.strict().readObject(pack.read("policy_digests.json", 1 << 20));
            assertThat(strings(policy.array("policy_digests").orElseThrow())).containsExactly(policyDigest);
            String inputs = new String(pack.read("pack_inputs.json", 1 << 20), StandardCharsets.UTF_8);
            assertThat(inputs).contains("trace_near.json", "approval_audit_near.json", "credential_evidence_near.json", "regress_result.json")
                    .doesNotContain("_old.json").doesNotContain("deep").doesNotContain("approval_audit_other");
            assertThat(new String(pack.read("control_coverage.json", 1 << 20), StandardCharsets.UTF_8)).contains("\"uncovered\":[]");
        }
        CliRunner.Result verified = fixture.cli().run("guard", "verify", zip.toString(), "--json");
        assertThat(verified.exitCode()).as(verified.stdout()).isZero();
        assertThat(verified.json().string("signature_status")).contains("verified");
    }

    @Test
    void a_wider_window_reaches_older_artifacts_and_an_unsigned_incident_pack_must_be_asked_for() {
        CliRunner.Result wide = fixture.cli().run("incident", "pack", "run_incident", "--window", "240h", "--unsigned", "--out", "wide.zip", "--json");
        assertThat(wide.exitCode()).as(wide.stdout()).isZero();
        assertThat(wide.json().get("trace_count")).contains(new JsonNumber(2));
        assertThat(wide.json().get("signed")).contains(JsonBoolean.FALSE);
        assertThat(fixture.cli().run("guard", "verify", "wide.zip").exitCode()).isEqualTo(2);
        assertThat(fixture.cli().run("guard", "verify", "wide.zip", "--allow-unsigned").exitCode()).isZero();
        assertThat(fixture.cli().run("incident", "pack", "--from", "run_incident", "--window", "soon").exitCode()).isEqualTo(6);
        assertThat(fixture.cli().run("incident", "pack", "--from", "run_incident", "--template", "gdpr").exitCode()).isEqualTo(6);
    }

    private static List<String> strings(JsonArray array) {
        return array.elements().stream().map(v -> ((JsonString) v).value()).toList();
    }
}
