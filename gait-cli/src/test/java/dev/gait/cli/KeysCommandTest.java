package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {

    @TempDir
    Path dir;

    @Test
    void init_writes_an_owner_only_pair_whose_key_id_is_the_public_key_hash() throws Exception {
        CliRunner.Result result = new CliRunner(dir).run("keys", "init", "--json");
        assertThat(result.exitCode()).isZero();
        JsonObject json = result.json();
        Path privateKey = dir.resolve("gait-out/keys/gait_private.key");
        Path publicKey = dir.resolve("gait-out/keys/gait_public.key");
        assertThat(json.string("private_key_path")).contains(privateKey.toString());
        assertThat(json.string("public_key_path")).contains(publicKey.toString());
        byte[] publicBytes = Base64.getDecoder().decode(Files.readString(publicKey).strip());
        assertThat(json.string("key_id")).contains(Digests.sha256Hex(publicBytes));
        assertThat(Base64.getDecoder().decode(Files.readString(privateKey).strip())).hasSize(64);
        for (Path path : new Path[] {privateKey, publicKey}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        }
    }

    @Test
    void init_refuses_to_overwrite_without_force() throws Exception {
        CliRunner cli = new CliRunner(dir);
        String first = cli.run("keys", "init", "--json").json().string("key_id").orElseThrow();
        CliRunner.Result again = cli.run("keys", "init", "--json");
        assertThat(again.exitCode()).isEqualTo(6);
        assertThat(again.json().string("error").orElseThrow()).contains("refusing to overwrite");
        assertThat(cli.run("keys", "verify", "--json").json().string("key_id")).contains(first);

        String forced = cli.run("keys", "init", "--force", "--json").json().string("key_id").orElseThrow();
        assertThat(forced).isNotEqualTo(first);
    }

    @Test
    void rotate_names_the_new_pair_after_the_utc_time_and_keeps_the_old_one() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T08:09:10Z"), ZoneOffset.UTC);
        CliRunner cli = new CliRunner(dir, Map.of(), clock);
        cli.run("keys", "init", "--out-dir", "k", "--prefix", "ops");
        CliRunner.Result rotated = cli.run("keys", "rotate", "--out-dir", "k", "--prefix", "ops", "--json");
        assertThat(rotated.exitCode()).isZero();
        assertThat(rotated.json().string("private_key_path")).contains(dir.resolve("k/ops_20261124T080910Z_private.key").toString());
        assertThat(dir.resolve("k/ops_private.key")).exists();
        assertThat(cli.run("keys", "verify", "--out-dir", "k", "--prefix", "ops_20261124T080910Z").exitCode()).isZero();
    }

    @Test
    void verify_accepts_matching_keys_from_files_or_environment() throws Exception {
        new CliRunner(dir).run("keys", "init");
        String privateText = Files.readString(dir.resolve("gait-out/keys/gait_private.key"));
        String publicText = Files.readString(dir.resolve("gait-out/keys/gait_public.key"));
        CliRunner env = new CliRunner(dir, Map.of("GAIT_PRIVATE_KEY", privateText, "GAIT_PUBLIC_KEY", publicText), Clock.systemUTC());

        CliRunner.Result fromEnv = env.run("keys", "verify", "--private-key-env", "GAIT_PRIVATE_KEY", "--public-key-env", "GAIT_PUBLIC_KEY", "--json");
        assertThat(fromEnv.exitCode()).isZero();
        assertThat(fromEnv.json().string("private_key")).contains("env:GAIT_PRIVATE_KEY");

        CliRunner.Result text = new CliRunner(dir).run("keys", "verify", "--private-key", "gait-out/keys/gait_private.key");
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout()).contains("status=ok");
        assertThat(new CliRunner(dir).run("keys", "verify", "--public-key", "gait-out/keys/gait_public.key").exitCode()).isZero();
    }

    @Test
    void verify_fails_with_exit_2_when_the_public_key_belongs_to_another_pair() {
        CliRunner cli = new CliRunner(dir);
        cli.run("keys", "init", "--prefix", "a");
        cli.run("keys", "init", "--prefix", "b");
        CliRunner.Result result = cli.run("keys", "verify", "--private-key", "gait-out/keys/a_private.key",
                "--public-key", "gait-out/keys/b_public.key", "--json");
        assertThat(result.exitCode()).isEqualTo(2);
        JsonObject json = result.json();
        CliContractTest.assertErrorEnvelope(json, "does not belong to private key", "verification_failed",
                "verification_failed", "re-run verify after checking artifact integrity");
    }

    @Test
    void verify_warns_about_private_keys_readable_by_others() throws Exception {
        CliRunner cli = new CliRunner(dir);
        cli.run("keys", "init");
        Path privateKey = dir.resolve("gait-out/keys/gait_private.key");
        Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-r--r--"));
        CliRunner.Result result = cli.run("keys", "verify", "--json");
        assertThat(result.exitCode()).isZero();
        assertThat(result.json().array("warnings").orElseThrow().size()).isEqualTo(1);
    }

    @Test
    void verify_rejects_malformed_or_conflicting_key_sources_with_exit_6() throws Exception {
        Files.writeString(dir.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[10]) + "\n");
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.run("keys", "verify", "--private-key", "short.key", "--json").json().string("error").orElseThrow())
                .contains("private key must be 64 bytes, got 10");
        CliRunner.Result both = cli.run("keys", "verify", "--private-key", "x", "--private-key-env", "Y", "--json");
        assertThat(both.exitCode()).isEqualTo(6);
        assertThat(both.json().string("error")).contains("--private-key and --private-key-env are mutually exclusive");
        assertThat(cli.run("keys", "verify", "--json").json().string("error").orElseThrow()).contains("key file not found");
    }
}
