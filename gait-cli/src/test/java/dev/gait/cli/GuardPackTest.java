package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import dev.gait.core.zip.DeterministicZip;
import dev.gait.core.zip.SafeZip;
import dev.gait.testkit.GaitSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code guard pack} and {@code guard verify}: v1's layout and identity, signed by default, strict verification. */
class GuardPackTest {

    @TempDir
    Path dir;
    private GuardFixture fixture;
    private CliRunner cli;

    @BeforeEach
    void artifacts() throws Exception {
        fixture = new GuardFixture(dir);
        cli = fixture.cli();
        fixture.run("run_audit", "2026-02-18T01:00:00+01:00");
        fixture.gate("gait-out", "a", "2026-02-18T00:00:00Z");
        fixture.regress("gait-out/regress_result.json", "2026-02-18T02:00:00Z", "pass");
    }

    private CliRunner.Result pack(String... extra) {
        List<String> args = new ArrayList<>(List.of("guard", "pack", "--run", "run_audit", "--trace", "gait-out/trace_a.json",
                "--regress", "gait-out/regress_result.json", "--json"));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private static Map<String, byte[]> entries(Path zip) {
        Map<String, byte[]> entries = new TreeMap<>();
        try (SafeZip opened = SafeZip.open(zip)) {
            opened.names().forEach(name -> entries.put(name, opened.read(name, 1 << 20)));
        }
        return entries;
    }

    private static JsonObject json(byte[] bytes) {
        return JsonReader.strict().readObject(bytes);
    }

    private Path built(CliRunner.Result result) {
        assertThat(result.exitCode()).as(result.stdout()).isZero();
        return dir.resolve(result.json().string("pack_path").orElseThrow()).normalize();
    }

    @Test
    void the_pack_has_v1_layout_and_identity_and_names_every_input_by_digest() throws Exception {
        CliRunner.Result result = pack();
        Path zip = built(result);
        Map<String, byte[]> entries = entries(zip);
        assertThat(entries.keySet()).containsExactly("approval_audit_01.json", "control_coverage.json", "control_index.json",
                "credential_evidence_01.json", "evidence_pointers.json", "pack_inputs.json", "pack_manifest.json",
                "referenced_runpacks.json", "regress_summary.json", "runpack_summary.json", "trace_summary.json");
        String manifestText = new String(entries.get("pack_manifest.json"), StandardCharsets.UTF_8);
        GaitSchemas.assertValid("guard/pack_manifest", manifestText);
        JsonObject manifest = json(entries.get("pack_manifest.json"));
        assertThat(Jcs.canonicalize(manifest)).as("written as canonical JSON").isEqualTo(entries.get("pack_manifest.json"));

        // identity: pack_ + 16 hex of digestJCS({run_id, contents}); the file is named after it
        JsonArray contents = manifest.array("contents").orElseThrow();
        String expectedId = "pack_" + Digests.jcsHex(JsonObject.builder().put("run_id", "run_audit").put("contents", contents).build())
                .substring(0, 16);
        assertThat(manifest.string("pack_id")).contains(expectedId);
        assertThat(result.json().string("pack_id")).contains(expectedId);
        assertThat(zip.getFileName().toString()).isEqualTo("evidence_pack_" + expectedId + ".zip");
        assertThat(zip.getParent()).as("beside the runpack").isEqualTo(dir.resolve("gait-out"));
        assertThat(manifest.string("created_at")).contains("2026-02-18T00:00:00Z").isEqualTo(manifest.string("generated_at"));

        // every entry but the manifest is listed with its hash and v1's entry type
        Map<String, String> types = new TreeMap<>();
        for (JsonValue value : contents.elements()) {
            JsonObject row = (JsonObject) value;
            String path = row.string("path").orElseThrow();
            assertThat(row.string("sha256")).contains(Digests.sha256Hex(entries.get(path)));
            types.put(path, row.string("type").orElseThrow());
        }
        assertThat(types).containsEntry("runpack_summary.json", "runpack").containsEntry("trace_summary.json", "trace")
                .containsEntry("regress_summary.json", "report").containsEntry("control_index.json", "report")
                .containsEntry("approval_audit_01.json", "evidence").containsEntry("referenced_runpacks.json", "evidence")
                .hasSize(entries.size() - 1);

        // the entries derived from inputs and the inputs named by digest
        byte[] audit = Files.readAllBytes(dir.resolve("gait-out/approval_audit_a.json"));
        assertThat(entries.get("approval_audit_01.json")).isEqualTo(Jcs.canonicalize(json(audit)));
        assertThat(json(entries.get("trace_summary.json")).toString()).contains("8a640148677956eba29ff9cf", "allow");
        JsonObject inputs = json(entries.get("pack_inputs.json"));
        String runpackDigest = cli.run("verify", "run_audit", "--json").json().string("manifest_digest").orElseThrow();
        assertThat(inputs.object("runpack").orElseThrow().string("manifest_digest")).contains(runpackDigest);
        assertThat(json(entries.get("runpack_summary.json")).string("manifest_digest")).contains(runpackDigest);
        assertThat(inputs.object("runpack").orElseThrow().string("sha256"))
                .contains(Digests.sha256Hex(Files.readAllBytes(dir.resolve("gait-out/runpack_run_audit.zip"))));
        Map<String, String> declared = new LinkedHashMap<>();
        inputs.array("inputs").orElseThrow().elements().forEach(v -> declared.put(((JsonObject) v).string("name").orElseThrow(),
                ((JsonObject) v).string("sha256").orElseThrow()));
        for (String name : List.of("trace_a.json", "approval_audit_a.json", "credential_evidence_a.json", "regress_result.json")) {
            assertThat(declared).as("auto-discovered or named: " + name)
                    .containsEntry(name, Digests.sha256Hex(Files.readAllBytes(dir.resolve("gait-out/" + name))));
        }
        assertThat(inputs.toString()).as("no machine paths in a pack").doesNotContain(dir.toString());

        CliRunner.Result verified = cli.run("guard", "verify", zip.toString(), "--json");
        assertThat(verified.exitCode()).as(verified.stdout()).isZero();
        assertThat(verified.json().string("signature_status")).contains("verified");
        assertThat(verified.json().string("inputs_status")).contains("verified");
        assertThat(result.json().string("key_id")).isEqualTo(((JsonObject) manifest.array("signatures").orElseThrow().get(0)).string("key_id"));
    }

    @Test
    void packs_are_deterministic_and_verify_only_with_the_key_that_signed_them() throws Exception {
        Path a = built(pack("--private-key", "k/gait_private.key", "--out", "a.zip"));
        Path b = built(pack("--private-key", "k/gait_private.key", "--out", "b.zip"));
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(cli.run("guard", "verify", "a.zip", "--profile", "strict", "--public-key", "k/gait_public.key").exitCode()).isZero();

        CliRunner.Result otherKey = cli.run("guard", "verify", "a.zip", "--json");
        assertThat(otherKey.exitCode()).as("the local key did not sign it").isEqualTo(2);
        assertThat(otherKey.json().string("signature_status")).contains("failed");
        assertThat(cli.run("guard", "verify", "a.zip", "--profile", "strict").exitCode()).as("strict needs a named key").isEqualTo(6);
    }

    @Test
    void an_unsigned_pack_needs_an_explicit_flag_to_write_and_to_accept() throws Exception {
        Path zip = built(pack("--unsigned", "--out", "u.zip"));
        assertThat(json(entries(zip).get("pack_manifest.json")).has("signatures")).isFalse();
        CliRunner.Result refused = cli.run("guard", "verify", "u.zip", "--json");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.json().string("signature_status")).contains("missing");
        assertThat(cli.run("guard", "verify", "u.zip", "--allow-unsigned").exitCode()).isZero();
        assertThat(pack("--unsigned", "--private-key", "k/gait_private.key").exitCode()).isEqualTo(6);
    }

    @Test
    void a_changed_byte_a_removed_entry_or_an_added_entry_fails_verification_with_exit_2() throws Exception {
        Path zip = built(pack("--out", "p.zip"));
        Map<String, byte[]> entries = entries(zip);
        for (String name : entries.keySet()) {
            byte[] original = entries.get(name);
            for (int position : new int[] {0, original.length / 2, original.length - 1}) {
                Map<String, byte[]> tampered = new TreeMap<>(entries);
                byte[] changed = original.clone();
                changed[position] ^= (byte) (name.equals("pack_manifest.json") ? 0x01 : 0x20);
                tampered.put(name, changed);
                assertThat(verifyExit(tampered)).as("byte %d of %s", position, name).isIn(2, 6).isNotZero();
                if (!name.equals("pack_manifest.json")) {
                    assertThat(verifyExit(tampered)).as("byte %d of %s", position, name).isEqualTo(2);
                }
            }
        }
        Map<String, byte[]> removed = new TreeMap<>(entries);
        removed.remove("approval_audit_01.json");
        assertThat(verifyExit(removed)).isEqualTo(2);
        assertThat(verify(removed).json().array("missing_files").orElseThrow().toString()).contains("approval_audit_01.json");
        Map<String, byte[]> added = new TreeMap<>(entries);
        added.put("notes.txt", "trust me".getBytes(StandardCharsets.UTF_8));
        CliRunner.Result undeclared = verify(added);
        assertThat(undeclared.exitCode()).isEqualTo(2);
        assertThat(undeclared.json().array("undeclared_files").orElseThrow().toString()).contains("notes.txt");
    }

    @Test
    void a_rewritten_manifest_fails_on_pack_id_or_signature() throws Exception {
        Map<String, byte[]> entries = entries(built(pack("--out", "p.zip")));
        JsonObject manifest = json(entries.get("pack_manifest.json"));
        Map<String, byte[]> renamed = new TreeMap<>(entries);
        renamed.put("pack_manifest.json", Jcs.canonicalize(manifest.toBuilder().put("pack_id", "pack_0000000000000000").build()));
        assertThat(verify(renamed).json().array("manifest_errors").orElseThrow().toString()).contains("does not match the recomputed");
        Map<String, byte[]> recased = new TreeMap<>(entries);
        recased.put("pack_manifest.json", Jcs.canonicalize(manifest.toBuilder().put("case_id", "CASE-2").build()));
        CliRunner.Result resigned = verify(recased);
        assertThat(resigned.exitCode()).isEqualTo(2);
        assertThat(resigned.json().string("signature_status")).contains("failed");
    }

    private CliRunner.Result verify(Map<String, byte[]> entries) throws Exception {
        Files.write(dir.resolve("t.zip"), DeterministicZip.write(entries));
        return cli.run("guard", "verify", "t.zip", "--json");
    }

    private int verifyExit(Map<String, byte[]> entries) throws Exception {
        return verify(entries).exitCode();
    }

    @Test
    void the_v1_templates_index_controls_exactly_as_v1_and_coverage_names_uncovered_controls() throws Exception {
        // soc2 with every kind of evidence: v1 matches by entry type as well as by path fragment
        Map<String, byte[]> full = entries(built(pack("--out", "soc2.zip")));
        assertThat(controlIndex(full)).containsExactly(
                "CC6.6=approval_audit_01.json,credential_evidence_01.json,referenced_runpacks.json,trace_summary.json",
                "CC7.2=regress_summary.json,trace_summary.json",
                "CC8.1=approval_audit_01.json,credential_evidence_01.json,referenced_runpacks.json,runpack_summary.json");
        assertThat(full.get("control_index.json"))
                .isEqualTo(Jcs.canonicalize(json(full.get("pack_manifest.json")).array("control_index").orElseThrow()));
        assertThat(json(full.get("control_coverage.json")).array("uncovered").orElseThrow().isEmpty()).isTrue();

        CliRunner.Result pci = cli.run("guard", "pack", "--run", "run_audit", "--template", "PCI", "--out", "pci.zip", "--json");
        assertThat(controlIndex(entries(built(pci)))).containsExactly(
                "PCI-10=", "PCI-7=approval_audit_01.json,credential_evidence_01.json,referenced_runpacks.json",
                "PCI-12=runpack_summary.json");
        assertThat(strings(pci.json().array("uncovered_controls").orElseThrow())).containsExactly("PCI-10");

        CliRunner.Result ir = cli.run("guard", "pack", "--run", "run_audit", "--template", "incident_response", "--out", "ir.zip", "--json");
        assertThat(controlIndex(entries(built(ir)))).containsExactly(
                "IR-CHAIN=approval_audit_01.json,credential_evidence_01.json,referenced_runpacks.json,runpack_summary.json",
                "IR-ROOTCAUSE=");
    }

    @Test
    void our_templates_map_controls_to_evidence_and_list_what_is_missing() throws Exception {
        Map<String, List<String>> uncovered = new LinkedHashMap<>();
        for (String template : List.of("iso27001", "nist_ai_rmf", "eu_ai_act")) {
            CliRunner.Result result = pack("--template", template, "--out", template + ".zip");
            Map<String, byte[]> entries = entries(built(result));
            GaitSchemas.assertValid("guard/pack_manifest", new String(entries.get("pack_manifest.json"), StandardCharsets.UTF_8));
            JsonObject coverage = json(entries.get("control_coverage.json"));
            assertThat(coverage.string("template_id")).contains(template);
            uncovered.put(template, strings(coverage.array("uncovered").orElseThrow()));
            assertThat(cli.run("guard", "verify", template + ".zip").exitCode()).isZero();
        }
        // no inventory snapshot and no incident window: exactly those controls lack evidence
        assertThat(uncovered).containsEntry("iso27001", List.of("A.5.26", "A.8.9"))
                .containsEntry("nist_ai_rmf", List.of("GOVERN-1.6", "MANAGE-4.3"))
                .containsEntry("eu_ai_act", List.of("Art.73"));
    }

    @Test
    void unknown_templates_pdf_rendering_and_inputs_of_the_wrong_kind_are_refused_with_exit_6() {
        CliRunner.Result unknown = pack("--template", "hipaa");
        assertThat(unknown.exitCode()).isEqualTo(6);
        assertThat(unknown.json().string("error").orElseThrow()).contains("unknown template", "soc2", "eu_ai_act");
        CliRunner.Result pdf = pack("--render-pdf");
        assertThat(pdf.exitCode()).isEqualTo(6);
        assertThat(pdf.json().string("error").orElseThrow()).contains("--render-pdf is not supported");
        CliRunner.Result wrongKind = cli.run("guard", "pack", "--run", "run_audit", "--trace", "gait-out/approval_audit_a.json", "--json");
        assertThat(wrongKind.exitCode()).isEqualTo(6);
        assertThat(wrongKind.json().string("error").orElseThrow()).contains("approval_audit_a.json", "gait.gate.trace");
        assertThat(cli.run("guard", "pack", "--json").exitCode()).isEqualTo(6);
        assertThat(cli.run("guard", "verify", "gait-out/runpack_run_audit.zip").exitCode()).as("a runpack is not a guard pack").isEqualTo(6);
        assertThat(dir.resolve("gait-out").toFile().list()).noneMatch(name -> name.startsWith("evidence_pack_"));
    }

    private static List<String> controlIndex(Map<String, byte[]> entries) {
        return json(entries.get("pack_manifest.json")).array("control_index").orElseThrow().elements().stream().map(v -> {
            JsonObject control = (JsonObject) v;
            return control.string("control_id").orElseThrow() + "=" + String.join(",", strings(control.array("evidence_paths").orElseThrow()));
        }).toList();
    }

    private static List<String> strings(JsonArray array) {
        return array.elements().stream().map(v -> ((JsonString) v).value()).toList();
    }
}
