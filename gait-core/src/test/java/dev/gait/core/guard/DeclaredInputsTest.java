package dev.gait.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.runpack.DemoRun;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.sign.Signatures;
import dev.gait.core.zip.DeterministicZip;
import dev.gait.core.zip.SafeZip;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A pack whose files, pack_id and signature all check out still fails when what it declares about
 * its inputs disagrees with the entries derived from them: the provenance link is checked, not trusted.
 */
class DeclaredInputsTest {

    private static final Ed25519KeyPair KEY = Ed25519KeyPair.generate(new SecureRandom());
    private static final LocalSigner SIGNER = new LocalSigner(KEY);

    private static EvidencePack demoPack() {
        RunpackRecorder.Recorded recorded = new RunpackRecorder(Clock.systemUTC()).record(DemoRun.input("0.0.0-dev"), null, SIGNER);
        byte[] runpackZip = RunpackWriter.zipBytes(recorded);
        RunpackReader.Records records;
        try (SafeZip zip = SafeZip.open(runpackZip, "runpack_run_demo.zip")) {
            records = RunpackReader.read(zip, "runpack_run_demo.zip");
        }
        InputDocument trace = InputDocument.read(InputKind.TRACE, "trace_t1.json", """
                {"schema_id":"gait.gate.trace","schema_version":"1.0.0","created_at":"2026-02-18T00:00:00Z","trace_id":"t1",
                 "tool_name":"tool.write","verdict":"allow","policy_digest":"%s"}""".formatted("a".repeat(64)).getBytes(StandardCharsets.UTF_8));
        return EvidencePackBuilder.build(new EvidencePackRequest(records,
                new PackInputs.RunpackSource("runpack_run_demo.zip", Digests.sha256Hex(runpackZip), recorded.manifestDigest()),
                Map.of(InputKind.TRACE, List.of(trace)), ComplianceTemplates.byId("soc2"), "", Optional.empty()), Optional.of(SIGNER));
    }

    private static PackVerifyReport verify(Map<String, byte[]> entries) {
        try (SafeZip zip = SafeZip.open(DeterministicZip.write(entries), "pack.zip")) {
            return EvidencePackVerifier.verify(zip, "pack.zip", List.of(KEY.publicKey()), true);
        }
    }

    /** The pack with one entry replaced, and its manifest brought up to date and signed again, as a dishonest producer would. */
    private static Map<String, byte[]> resealed(EvidencePack pack, String entry, byte[] bytes) {
        Map<String, byte[]> entries = new TreeMap<>(pack.entries());
        entries.remove(PackFiles.MANIFEST);
        if (bytes == null) {
            entries.remove(entry);
        } else {
            entries.put(entry, bytes);
        }
        JsonArray contents = PackEntry.toJson(PackEntry.of(entries));
        JsonObject manifest = pack.manifest().without("signatures").toBuilder()
                .put("contents", contents)
                .put("pack_id", GuardManifest.packId("run_demo", contents))
                .build();
        manifest = GuardManifest.withSignature(manifest, Signatures.signDigest(SIGNER, GuardManifest.signedDigest(manifest)));
        entries.put(PackFiles.MANIFEST, Jcs.canonicalize(manifest));
        return entries;
    }

    private static JsonObject declared(EvidencePack pack) {
        return JsonReader.strict().readObject(pack.entries().get(PackFiles.INPUTS));
    }

    @Test
    void an_honest_pack_verifies_its_declared_inputs() {
        PackVerifyReport report = verify(demoPack().entries());
        assertThat(report.ok()).as(report.failure()).isTrue();
        assertThat(report.inputsStatus()).isEqualTo(PackVerifyReport.INPUTS_VERIFIED);
    }

    @Test
    void a_resealed_pack_with_inconsistent_declarations_fails_on_its_inputs_alone() {
        EvidencePack pack = demoPack();
        JsonObject honest = declared(pack);

        JsonObject otherRunpack = honest.toBuilder().put("runpack", honest.object("runpack").orElseThrow().toBuilder()
                .put("manifest_digest", "b".repeat(64)).build()).build();
        assertFailsOnInputs(resealed(pack, PackFiles.INPUTS, Jcs.canonicalize(otherRunpack)), "declared runpack manifest_digest");

        JsonObject noTraces = honest.toBuilder().put("inputs", JsonArray.EMPTY).build();
        assertFailsOnInputs(resealed(pack, PackFiles.INPUTS, Jcs.canonicalize(noTraces)), "trace_summary.json is not derived");

        JsonObject renamedTrace = honest.toBuilder().put("inputs", new JsonArray(List.<JsonValue>of(((JsonObject) honest.array("inputs")
                .orElseThrow().get(0)).toBuilder().put("trace_id", "t2").build()))).build();
        assertFailsOnInputs(resealed(pack, PackFiles.INPUTS, Jcs.canonicalize(renamedTrace)), "declared trace ids [t2]");

        assertFailsOnInputs(resealed(pack, "approval_audit_01.json", "{}".getBytes(StandardCharsets.UTF_8)),
                "approval_audit_01.json is not derived");
        assertFailsOnInputs(resealed(pack, PackFiles.TRACE_SUMMARY, null), "names entry trace_summary.json");
    }

    private static void assertFailsOnInputs(Map<String, byte[]> entries, String error) {
        PackVerifyReport report = verify(entries);
        assertThat(report.integrityOk()).as("files and pack_id check out").isTrue();
        assertThat(report.signature().status().wire()).isEqualTo("verified");
        assertThat(report.inputsStatus()).isEqualTo(PackVerifyReport.INPUTS_FAILED);
        assertThat(report.ok()).isFalse();
        assertThat(String.join("\n", report.inputsErrors())).contains(error);
    }

    @Test
    void templates_are_looked_up_by_id_and_an_unknown_id_is_invalid_input() {
        assertThat(ComplianceTemplates.byId(" PCI ").templateId()).isEqualTo("pci");
        assertThat(ComplianceTemplates.byId("").templateId()).isEqualTo("soc2");
        assertThat(ComplianceTemplates.ids()).containsExactly("soc2", "pci", "incident_response", "iso27001", "nist_ai_rmf", "eu_ai_act");
        assertThatThrownBy(() -> ComplianceTemplates.byId("hipaa")).isInstanceOf(GaitException.class).hasMessageContaining("unknown template");
        List<String> empty = new ArrayList<>();
        for (String id : ComplianceTemplates.ids()) {
            ComplianceTemplates.byId(id).controls().stream()
                    .filter(c -> c.entryTypes().isEmpty() && c.pathFragments().isEmpty())
                    .forEach(c -> empty.add(id + ":" + c.controlId()));
        }
        assertThat(empty).as("every control maps to some evidence").isEmpty();
    }
}
