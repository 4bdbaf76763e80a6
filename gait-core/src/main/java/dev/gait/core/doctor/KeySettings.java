package dev.gait.core.doctor;

import dev.gait.core.config.GateDefaults;
import java.nio.file.Path;

/**
 * The key settings doctor validates: the key mode ({@code dev}, {@code prod}, or {@code ""} when not
 * given) and the private and public key sources (a file path or the name of an environment variable;
 * {@code ""} when unset). Paths are resolved against the directory the user ran doctor from.
 */
public record KeySettings(String mode, String privateKeyPath, String privateKeyEnv, String publicKeyPath, String publicKeyEnv) {

    boolean prod() {
        return mode.equals("prod");
    }

    boolean hasPrivateSource() {
        return !privateKeyPath.isBlank() || !privateKeyEnv.isBlank();
    }

    boolean hasPublicSource() {
        return !publicKeyPath.isBlank() || !publicKeyEnv.isBlank();
    }

    /**
     * Fills what the command line left unset from the project's {@code gate:} defaults, as
     * {@code gate eval} does: the key mode, and the private key when no private key flag was given.
     */
    KeySettings withDefaults(GateDefaults gate, Path workDir) {
        String effectiveMode = mode.isEmpty() ? gate.keyMode() : mode;
        if (hasPrivateSource()) {
            return new KeySettings(effectiveMode, privateKeyPath, privateKeyEnv, publicKeyPath, publicKeyEnv);
        }
        String configuredPath = gate.get("private_key");
        return new KeySettings(effectiveMode, configuredPath.isEmpty() ? "" : workDir.resolve(configuredPath).toString(),
                gate.get("private_key_env"), publicKeyPath, publicKeyEnv);
    }
}
