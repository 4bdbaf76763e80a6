package dev.gait.core.guard;

import dev.gait.core.error.GaitException;
import java.util.Map;

/** The key is base64 text in an environment variable. */
public record EnvKeyProvider(String variable, Map<String, String> environment) implements EncryptionKeyProvider {

    @Override
    public EncryptionKeySource source() {
        return EncryptionKeySource.env(variable);
    }

    @Override
    public ArtifactKey open() {
        String text = environment.getOrDefault(variable, "");
        if (text.isBlank()) {
            throw GaitException.invalidInput("encryption key env var is empty: " + variable);
        }
        return AesGcmKey.fromBase64(text, "env");
    }
}
