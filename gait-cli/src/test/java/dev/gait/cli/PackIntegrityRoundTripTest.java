package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import dev.gait.core.pack.PackFiles;
import dev.gait.core.zip.SafeZip;
import dev.gait.testkit.GaitReference;
import dev.gait.testkit.GaitSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared scenario {@code pack-integrity-round-trip}: {@code demo}, {@code pack build --type run
 * --from run_demo}, {@code pack verify}. Gait v1 builds unsigned packs and reports {@code missing};
 * here the pack is signed by default and verifies {@code verified}, and the scenario's outcome is
 * reproduced exactly with an explicit unsigned build and an explicit opt-out on verify.
 */
class PackIntegrityRoundTripTest {

    @TempDir
    Path dir;
    private PackCli cli;
    private Map<String, String> expected;

    @BeforeEach
    void setUp() {
        cli = new PackCli(dir);
        expected = GaitReference.text("scenarios/pack-integrity-round-trip/expected.yaml").lines()
                .filter(line -> line.contains(": "))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(": ")), line -> line.substring(line.indexOf(": ") + 2)));
    }

    @Test
    void a_pack_is_signed_by_default_and_verifies_verified() {
        CliRunner.Result build = cli.run("pack", "build", "--type", "run", "--from", "run_demo", "--json");
        assertThat(build.exitCode()).as(build.stdout()).isZero();
        JsonObject built = build.json();
        assertThat(built.string("signature_status")).contains("signed");
        String path = built.string("path").orElseThrow();
        assertThat(path).isEqualTo("./gait-out/pack_" + built.string("pack_id").orElseThrow() + ".zip");

        CliRunner.Result verify = cli.run("pack", "verify", path, "--json");
        assertThat(verify.exitCode()).as(verify.stdout()).isEqualTo(Integer.parseInt(expected.get("exit_code")));
        JsonObject report = verify.json().object("verify").orElseThrow();
        assertThat(report.string("signature_status")).contains("verified");
        assertThat(verify.json().string("source_ref")).contains(expected.get("source_ref"));
        assertThat(report.object("attestation").orElseThrow().string("signature_status")).contains("verified");
        assertThat(verify.json().string("schema_id")).contains("gait.pack.output");
    }

    @Test
    void an_explicitly_unsigned_pack_with_an_explicit_opt_out_reports_missing_as_gait_v1_does() {
        CliRunner.Result build = cli.run("pack", "build", "--type", "run", "--from", "run_demo", "--unsigned", "--json");
        assertThat(build.exitCode()).isZero();
        String path = build.json().string("path").orElseThrow();

        CliRunner.Result verify = cli.run("pack", "verify", path, "--allow-unsigned", "--json");
        assertThat(verify.exitCode()).isEqualTo(Integer.parseInt(expected.get("exit_code")));
        assertThat(verify.json().object("verify").orElseThrow().string("signature_status")).contains(expected.get("verify_signature_status"));
        assertThat(verify.json().string("source_ref")).contains(expected.get("source_ref"));

        CliRunner.Result required = cli.run("pack", "verify", path, "--json");
        assertThat(required.exitCode()).isEqualTo(2);
        assertThat(required.json().string("error")).hasValueSatisfying(e -> assertThat(e).contains("manifest has no signatures"));
    }

    @Test
    void the_manifest_and_payload_conform_to_the_gait_v1_schemas() {
        String path = cli.run("pack", "build", "--from", "run_demo", "--json").json().string("path").orElseThrow();
        try (SafeZip zip = SafeZip.open(dir.resolve(path))) {
            GaitSchemas.assertValid("pack/manifest", text(zip, PackFiles.MANIFEST));
            GaitSchemas.assertValid("pack/run", text(zip, PackFiles.RUN_PAYLOAD));
            GaitSchemas.assertValid("context/envelope", text(zip, PackFiles.CONTEXT_ENVELOPE));
        }
    }

    private static String text(SafeZip zip, String entry) {
        return new String(zip.read(entry, PackFiles.MAX_ENTRY_BYTES), StandardCharsets.UTF_8);
    }
}
