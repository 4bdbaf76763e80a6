package dev.gait.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @Test
    void writes_go_layout_base64_lines_with_owner_only_permissions(@TempDir Path dir) throws Exception {
        Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
        KeyFiles.Written written = KeyFiles.write(pair, dir.resolve("keys"), "gait", false);

        String privateText = Files.readString(written.privateKey());
        assertThat(privateText).endsWith("\n").doesNotContain(" ");
        assertThat(Base64.getDecoder().decode(privateText.strip())).isEqualTo(pair.goPrivateKey());
        assertThat(Base64.getDecoder().decode(Files.readString(written.publicKey()).strip())).isEqualTo(pair.publicKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.privateKey()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.publicKey()))).isEqualTo("rw-------");

        Signer signer = new LocalKeyProvider(new KeySource.FileSource(written.privateKey())).openSigner();
        assertThat(signer.keyId()).isEqualTo(written.keyId()).isEqualTo(pair.keyId());
    }

    @Test
    void refuses_to_overwrite_either_file_without_force(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("gait_public.key"), "existing\n");
        assertThatThrownBy(() -> KeyFiles.write(Ed25519KeyPair.generate(new SecureRandom()), dir, "gait", false))
                .isInstanceOf(GaitException.class)
                .hasMessageContaining("refusing to overwrite");
        assertThat(dir.resolve("gait_private.key")).doesNotExist();
        assertThat(Files.readString(dir.resolve("gait_public.key"))).isEqualTo("existing\n");

        KeyFiles.write(Ed25519KeyPair.generate(new SecureRandom()), dir, "gait", true);
        assertThat(Files.readString(dir.resolve("gait_public.key"))).isNotEqualTo("existing\n");
    }

    @Test
    void environment_sources_hold_the_same_text_and_are_trimmed() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
        String text = "  " + GoKeyText.encode(pair.goPrivateKey()) + "\n\n";
        Signer signer = new LocalKeyProvider(new KeySource.EnvSource("GAIT_PRIVATE_KEY", Map.of("GAIT_PRIVATE_KEY", text))).openSigner();
        assertThat(signer.keyId()).isEqualTo(pair.keyId());
        assertThat(new KeySource.EnvSource("GAIT_PRIVATE_KEY", Map.of()).describe()).isEqualTo("env:GAIT_PRIVATE_KEY");
    }

    @Test
    void bad_key_material_is_invalid_input_with_a_clear_message(@TempDir Path dir) throws Exception {
        Path notBase64 = Files.writeString(dir.resolve("a.key"), "not base64 !!\n");
        Path wrongLength = Files.writeString(dir.resolve("b.key"), Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        Path huge = Files.writeString(dir.resolve("c.key"), "A".repeat(10_000));

        assertInvalid(() -> GoKeyText.decodePrivate(new KeySource.FileSource(notBase64)), "not valid base64");
        assertInvalid(() -> GoKeyText.decodePrivate(new KeySource.FileSource(wrongLength)), "must be 64 bytes, got 32");
        assertInvalid(() -> GoKeyText.decodePublic(new KeySource.FileSource(huge)), "too large");
        assertInvalid(() -> GoKeyText.decodePublic(new KeySource.FileSource(Path.of("/dev/zero"))), "too large");
        assertInvalid(() -> GoKeyText.decodePublic(new KeySource.FileSource(dir.resolve("missing.key"))), "key file not found");
        assertInvalid(() -> GoKeyText.decodePublic(new KeySource.EnvSource("UNSET", Map.of())), "not set or empty");
    }

    private static void assertInvalid(Runnable action, String message) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(GaitException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_INPUT))
                .hasMessageContaining(message);
    }
}
