package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.testkit.GaitSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code guard encrypt|decrypt}: AES-256-GCM at rest, keys from the environment or a key program, nothing plain left behind. */
class GuardEncryptionTest {
    private static final String SECRET = "incident notes: the key to the vault is under the mat";

    @TempDir
    Path dir;
    private final String key = newKey();
    private final String otherKey = newKey();

    private static String newKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private CliRunner cli(String keyValue) {
        return new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString(), "EVIDENCE_KEY", keyValue), Clock.systemUTC());
    }

    @BeforeEach
    void plaintext() throws Exception {
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(dir.resolve("work/evidence_pack_pack_0123456789abcdef.zip"), SECRET);
    }

    @Test
    void encrypt_then_decrypt_returns_the_same_bytes_and_leaves_no_plaintext_copy() throws Exception {
        CliRunner.Result sealed = cli(key).run("guard", "encrypt", "--in", "work/evidence_pack_pack_0123456789abcdef.zip",
                "--out", "vault/pack.gaitenc", "--key-env", "EVIDENCE_KEY", "--json");
        assertThat(sealed.exitCode()).as(sealed.stdout()).isZero();
        assertThat(sealed.json().string("key_mode")).contains("env");
        assertThat(sealed.json().string("key_ref")).contains("EVIDENCE_KEY");
        try (Stream<Path> vault = Files.list(dir.resolve("vault")); Stream<Path> work = Files.list(dir.resolve("work"))) {
            assertThat(vault.map(p -> p.getFileName().toString())).as("only the artifact, no temporary or plain copy")
                    .containsExactly("pack.gaitenc");
            assertThat(work.map(p -> p.getFileName().toString())).containsExactly("evidence_pack_pack_0123456789abcdef.zip");
        }
        byte[] artifact = Files.readAllBytes(dir.resolve("vault/pack.gaitenc"));
        String text = new String(artifact, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("vault").doesNotContain(key);
        assertThat(new String(Base64.getDecoder().decode(JsonReader.strict().readObject(artifact).string("ciphertext").orElseThrow()),
                StandardCharsets.ISO_8859_1)).doesNotContain("incident notes");
        GaitSchemas.assertValid("guard/encrypted_artifact", text);
        assertThat(Jcs.canonicalize(JsonReader.strict().readObject(artifact))).as("canonical JSON").isEqualTo(artifact);
        assertThat(Files.getPosixFilePermissions(dir.resolve("vault/pack.gaitenc"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        CliRunner.Result opened = cli(key).run("guard", "decrypt", "vault/pack.gaitenc", "--out", "restored.zip", "--key-env", "EVIDENCE_KEY", "--json");
        assertThat(opened.exitCode()).as(opened.stdout()).isZero();
        assertThat(Files.readString(dir.resolve("restored.zip"))).isEqualTo(SECRET);
        assertThat(opened.json().string("plain_sha256")).isEqualTo(sealed.json().string("plain_sha256"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("restored.zip"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void a_key_program_supplies_the_key_with_its_arguments() throws Exception {
        Path program = dir.resolve("kms.sh");
        Files.writeString(program, "#!/bin/sh\n[ \"$1\" = decrypt ] && [ \"$2\" = alias/evidence ] || exit 3\necho '" + key + "'\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        CliRunner.Result sealed = cli(otherKey).run("guard", "encrypt", "work/evidence_pack_pack_0123456789abcdef.zip", "--key-command",
                program.toString(), "--key-command-args", "decrypt, alias/evidence", "--json");
        assertThat(sealed.exitCode()).as(sealed.stdout()).isZero();
        Path artifact = dir.resolve("work/evidence_pack_pack_0123456789abcdef.zip.gaitenc");
        assertThat(JsonReader.strict().readObject(Files.readAllBytes(artifact)).object("key_source").orElseThrow().string("command"))
                .contains(program.toString());
        // the same key from the environment opens it; the program with wrong arguments fails cleanly
        assertThat(cli(key).run("guard", "decrypt", artifact.toString(), "--out", "a.zip", "--key-env", "EVIDENCE_KEY").exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("a.zip"))).isEqualTo(SECRET);
        CliRunner.Result refused = cli(key).run("guard", "decrypt", artifact.toString(), "--out", "b.zip", "--key-command", program.toString(), "--json");
        assertThat(refused.exitCode()).isEqualTo(6);
        assertThat(refused.json().string("error").orElseThrow()).contains("exited with status 3");
        assertThat(dir.resolve("b.zip")).doesNotExist();
    }

    @Test
    void a_wrong_key_or_an_altered_artifact_fails_with_exit_2_and_writes_nothing() throws Exception {
        assertThat(cli(key).run("guard", "encrypt", "--in", "work/evidence_pack_pack_0123456789abcdef.zip", "--out", "p.gaitenc",
                "--key-env", "EVIDENCE_KEY").exitCode()).isZero();
        CliRunner.Result wrong = cli(otherKey).run("guard", "decrypt", "--in", "p.gaitenc", "--out", "out.zip", "--key-env", "EVIDENCE_KEY", "--json");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.json().string("error").orElseThrow()).contains("authentication failed");
        assertThat(dir.resolve("out.zip")).doesNotExist();

        JsonObject artifact = JsonReader.strict().readObject(Files.readAllBytes(dir.resolve("p.gaitenc")));
        byte[] ciphertext = Base64.getDecoder().decode(artifact.string("ciphertext").orElseThrow());
        ciphertext[3] ^= 1;
        assertThat(decryptAltered(artifact.toBuilder().put("ciphertext", Base64.getEncoder().encodeToString(ciphertext)).build())).isEqualTo(2);
        assertThat(decryptAltered(artifact.toBuilder().put("plain_sha256", "0".repeat(64)).build())).isEqualTo(2);
        assertThat(decryptAltered(artifact.toBuilder().put("key_id", "k1").build())).as("decoded strictly, as in v1").isEqualTo(6);
        assertThat(decryptAltered(artifact.toBuilder().put("algorithm", "aes-128-cbc").build())).isEqualTo(6);
        assertThat(dir.resolve("out.zip")).doesNotExist();
    }

    private int decryptAltered(JsonObject artifact) throws Exception {
        Files.write(dir.resolve("altered.gaitenc"), Jcs.canonicalize(artifact));
        return cli(key).run("guard", "decrypt", "altered.gaitenc", "--out", "out.zip", "--key-env", "EVIDENCE_KEY").exitCode();
    }

    @Test
    void key_sources_and_paths_are_checked_before_anything_is_written() throws Exception {
        String input = "work/evidence_pack_pack_0123456789abcdef.zip";
        assertThat(cli(key).run("guard", "encrypt", input).stdout()).contains("missing key source");
        assertThat(cli(key).run("guard", "encrypt", input, "--key-env", "EVIDENCE_KEY", "--key-command", "/bin/true").exitCode()).isEqualTo(6);
        assertThat(cli("c2hvcnQ=").run("guard", "encrypt", input, "--key-env", "EVIDENCE_KEY").stdout()).contains("expected 32-byte key, got 5");
        assertThat(cli(key).run("guard", "encrypt", input, "--key-env", "UNSET_KEY").stdout()).contains("encryption key env var is empty");
        assertThat(cli(key).run("guard", "encrypt", input, "--key-command", dir.resolve("absent").toString()).exitCode()).isEqualTo(7);
        CliRunner.Result inPlace = cli(key).run("guard", "encrypt", input, "--out", input, "--key-env", "EVIDENCE_KEY");
        assertThat(inPlace.exitCode()).isEqualTo(6);
        assertThat(inPlace.stdout()).contains("--out must differ from --in");
        assertThat(Files.readString(dir.resolve(input))).isEqualTo(SECRET);
        try (Stream<Path> work = Files.list(dir.resolve("work"))) {
            assertThat(work).hasSize(1);
        }
    }
}
