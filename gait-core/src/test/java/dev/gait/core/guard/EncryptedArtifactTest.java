package dev.gait.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The size limit: whatever is sealed can be opened again, and more is refused before any key is used. */
class EncryptedArtifactTest {

    private static EnvKeyProvider key() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return new EnvKeyProvider("K", Map.of("K", Base64.getEncoder().encodeToString(raw)));
    }

    @Test
    void the_largest_plaintext_sealed_is_opened_again() {
        EnvKeyProvider key = key();
        byte[] plaintext = new byte[EncryptedArtifact.MAX_PLAINTEXT_BYTES];
        plaintext[plaintext.length - 1] = 7;
        byte[] artifact = EncryptedArtifact.seal(plaintext, key, Instant.EPOCH, new SecureRandom());
        assertThat(artifact.length).isLessThanOrEqualTo(EncryptedArtifact.MAX_ARTIFACT_BYTES);
        assertThat(EncryptedArtifact.open(artifact, key).plaintext()).isEqualTo(plaintext);
    }

    @Test
    void a_larger_plaintext_is_refused_as_invalid_input() {
        assertThatThrownBy(() -> EncryptedArtifact.seal(new byte[EncryptedArtifact.MAX_PLAINTEXT_BYTES + 1], key(), Instant.EPOCH,
                new SecureRandom()))
                .isInstanceOf(GaitException.class)
                .satisfies(e -> assertThat(((GaitException) e).category()).isEqualTo(ErrorCategory.INVALID_INPUT));
    }
}
