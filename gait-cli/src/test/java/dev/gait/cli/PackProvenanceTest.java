package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonObject;
import dev.gait.core.zip.DeterministicZip;
import dev.gait.core.zip.SafeZip;
import dev.gait.testkit.GaitReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pack names its inputs by digest and the pack it continues; verify holds the chain link when shown where to look. */
class PackProvenanceTest {

    @TempDir
    Path dir;
    private PackCli cli;

    @BeforeEach
    void setUp() {
        cli = new PackCli(dir);
    }

    private JsonObject build(String... extra) {
        List<String> args = new ArrayList<>(List.of("--from", "run_demo"));
        args.addAll(List.of(extra));
        return cli.build(args.toArray(String[]::new));
    }

    private CliRunner.Result verify(String pack, String... extra) {
        return cli.verify(pack, extra);
    }

    private static JsonObject attestation(CliRunner.Result result) {
        return result.json().object("verify").orElseThrow().object("attestation").orElseThrow();
    }

    @Test
    void the_chain_link_is_verified_from_the_predecessor_file_or_a_directory_holding_it() throws Exception {
        String first = build("--out", "chain/first.zip").string("pack_id").orElseThrow();
        JsonObject second = build("--predecessor", "chain/first.zip", "--out", "second.zip");
        assertThat(second.string("predecessor_pack_id")).contains(first);

        CliRunner.Result unchecked = verify("second.zip");
        assertThat(unchecked.exitCode()).isZero();
        assertThat(attestation(unchecked).string("chain_status")).contains("unchecked");
        assertThat(attestation(unchecked).object("predecessor").orElseThrow().string("pack_id")).contains(first);

        for (String where : new String[] {"chain/first.zip", "chain"}) {
            CliRunner.Result checked = verify("second.zip", "--predecessor", where);
            assertThat(checked.exitCode()).as(where).isZero();
            assertThat(attestation(checked).string("chain_status")).contains("verified");
        }
    }

    @Test
    void require_chain_fails_a_link_left_unchecked_and_passes_a_checked_one_or_none() throws Exception {
        String first = build("--out", "chain/first.zip").string("pack_id").orElseThrow();
        build("--predecessor", "chain/first.zip", "--out", "second.zip");

        CliRunner.Result unchecked = verify("second.zip", "--require-chain");
        assertThat(unchecked.exitCode()).isEqualTo(2);
        assertThat(unchecked.json().get("ok")).contains(JsonBoolean.FALSE);
        assertThat(unchecked.json().string("error").orElseThrow()).contains("chain_status unchecked").contains(first).contains("--predecessor");

        assertThat(verify("second.zip", "--require-chain", "--predecessor", "chain").exitCode()).isZero();
        CliRunner.Result origin = verify("chain/first.zip", "--require-chain");
        assertThat(origin.exitCode()).as("a pack that continues none has no link to check").isZero();
        assertThat(attestation(origin).string("chain_status")).contains("none");
    }

    @Test
    void a_broken_chain_link_fails_with_exit_2() throws Exception {
        build("--out", "first.zip");
        build("--predecessor", "first.zip", "--out", "second.zip");
        build("--unsigned", "--out", "other.zip");

        CliRunner.Result wrongPack = verify("second.zip", "--predecessor", "other.zip");
        assertThat(wrongPack.exitCode()).isEqualTo(2);
        assertThat(attestation(wrongPack).string("chain_status")).contains("broken");
        assertThat(wrongPack.json().string("error")).hasValueSatisfying(e -> assertThat(e).contains("chain link broken"));

        Files.createDirectories(dir.resolve("empty"));
        assertThat(verify("second.zip", "--predecessor", "empty").exitCode()).isEqualTo(2);

        Map<String, byte[]> entries = new TreeMap<>();
        try (SafeZip zip = SafeZip.open(dir.resolve("first.zip"))) {
            zip.names().forEach(name -> entries.put(name, zip.read(name, Long.MAX_VALUE)));
        }
        byte[] payload = entries.get("run_payload.json");
        payload[payload.length - 3] ^= 1;
        Files.write(dir.resolve("first.zip"), DeterministicZip.write(entries));
        CliRunner.Result tampered = verify("second.zip", "--predecessor", "first.zip");
        assertThat(tampered.exitCode()).isEqualTo(2);
        assertThat(tampered.json().string("error")).hasValueSatisfying(e -> assertThat(e).contains("failed verification: hash mismatch: run_payload.json"));
    }

    @Test
    void the_predecessor_is_held_to_the_same_signature_policy() {
        build("--unsigned", "--out", "unsigned-first.zip");
        build("--predecessor", "unsigned-first.zip", "--out", "second.zip");
        CliRunner.Result required = verify("second.zip", "--predecessor", "unsigned-first.zip");
        assertThat(required.exitCode()).isEqualTo(2);
        assertThat(required.json().string("error")).hasValueSatisfying(e -> assertThat(e).contains("manifest has no signatures"));
        assertThat(verify("second.zip", "--predecessor", "unsigned-first.zip", "--allow-unsigned").exitCode()).isZero();
    }

    @Test
    void further_inputs_are_kept_and_named_by_digest() throws Exception {
        Path policy = Files.write(dir.resolve("policy.yaml"), GaitReference.bytes("scenarios/policy-block-destructive/policy.yaml"));
        Path intent = Files.write(dir.resolve("intent.json"), GaitReference.bytes("scenarios/approval-token-valid/intent.json"));
        cli.run("gate", "eval", "--policy", policy.toString(), "--intent", intent.toString(), "--trace-out", "trace.json");
        JsonObject built = build("--input", "trace.json,gait-out/runpack_run_demo.zip", "--out", "with-inputs.zip");

        CliRunner.Result verified = verify("with-inputs.zip");
        assertThat(verified.exitCode()).as(verified.stdout()).isZero();
        JsonArray inputs = attestation(verified).array("inputs").orElseThrow();
        assertThat(inputs.elements()).extracting(i -> ((JsonObject) i).string("entry").orElseThrow())
                .containsExactly("source/runpack.zip", "inputs/runpack_run_demo.zip", "inputs/trace.json");
        JsonObject trace = (JsonObject) inputs.get(2);
        assertThat(trace.string("kind")).contains("trace");
        assertThat(trace.string("sha256")).contains(dev.gait.core.digest.Digests.sha256Hex(Files.readAllBytes(dir.resolve("trace.json"))));

        CliRunner.Result inspect = cli.run("pack", "inspect", "with-inputs.zip", "--json");
        JsonObject provenance = inspect.json().object("inspect").orElseThrow().object("provenance").orElseThrow();
        assertThat(provenance.array("inputs").map(JsonArray::size)).contains(3);
        assertThat(built.string("pack_id")).isEqualTo(inspect.json().string("pack_id"));

        Files.writeString(dir.resolve("notes.json"), "{\"note\":1}");
        CliRunner.Result notAnArtifact = cli.run("pack", "build", "--from", "run_demo", "--input", "notes.json", "--json");
        assertThat(notAnArtifact.exitCode()).isEqualTo(6);
        assertThat(notAnArtifact.json().string("error")).hasValueSatisfying(e -> assertThat(e).contains("schema_id is not gait.gate.trace"));
    }

    @Test
    void the_same_inputs_give_the_same_pack_bytes() throws Exception {
        build("--out", "a.zip");
        build("--out", "b.zip");
        assertThat(Files.readAllBytes(dir.resolve("a.zip"))).isEqualTo(Files.readAllBytes(dir.resolve("b.zip")));
    }
}
