package dev.gait.fleet.control;

import dev.gait.core.error.GaitException;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.GoKeyText;
import dev.gait.core.sign.KeyFiles;
import dev.gait.core.sign.KeySource;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.sign.Signer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The control plane's Ed25519 signing key: it signs releases and bundles. Kept as
 * {@code control_plane_private.key} and {@code control_plane_public.key} in a directory (the data
 * directory by default), created there on first start. The public key file is what enforcement
 * points are given as {@code --fleet-trust}; replicas share the directory (or a copy of the pair).
 */
public final class ControlPlaneKey {
    public static final String PREFIX = "control_plane";

    private ControlPlaneKey() {}

    /** The key in {@code directory}, created when there is none. */
    public static Signer loadOrCreate(Path directory) {
        Path privateKey = KeyFiles.privateKeyPath(directory, PREFIX);
        if (!Files.exists(privateKey)) {
            try {
                KeyFiles.write(Ed25519KeyPair.generate(new SecureRandom()), directory, PREFIX, false);
            } catch (GaitException raced) {
                // Another replica created it first: use that one.
                if (!Files.exists(privateKey)) {
                    throw raced;
                }
            }
        }
        return new LocalSigner(GoKeyText.decodePrivate(new KeySource.FileSource(privateKey)));
    }

    public static Path publicKeyFile(Path directory) {
        return KeyFiles.publicKeyPath(directory, PREFIX);
    }
}
