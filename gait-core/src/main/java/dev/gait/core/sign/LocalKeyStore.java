package dev.gait.core.sign;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

/**
 * The user's own signing key, which signs runpacks by default: {@code $GAIT_HOME/keys} or
 * {@code ~/.gait/keys}, files {@code gait_private.key} and {@code gait_public.key}. It is created on
 * first use in a directory only its owner can read.
 */
public final class LocalKeyStore {
    static final String PREFIX = "gait";

    private final Path directory;

    public LocalKeyStore(Path directory) {
        this.directory = directory;
    }

    /** The default store for an environment: {@code $GAIT_HOME/keys}, else {@code $HOME/.gait/keys}. */
    public static LocalKeyStore forEnvironment(Map<String, String> environment) {
        String gaitHome = environment.getOrDefault("GAIT_HOME", "");
        if (!gaitHome.isBlank()) {
            return new LocalKeyStore(Path.of(gaitHome).resolve("keys"));
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home", ""));
        if (home.isBlank()) {
            throw new GaitException(ErrorCategory.DEPENDENCY_MISSING,
                    "no home directory for the local signing key: set HOME or GAIT_HOME, or pass --private-key");
        }
        return new LocalKeyStore(Path.of(home).resolve(".gait").resolve("keys"));
    }

    public Path privateKeyPath() {
        return KeyFiles.privateKeyPath(directory, PREFIX);
    }

    public Path publicKeyPath() {
        return KeyFiles.publicKeyPath(directory, PREFIX);
    }

    /** A signer for the local key, creating the key pair first if there is none. */
    public Opened openOrCreate() {
        boolean created = false;
        if (!Files.exists(privateKeyPath())) {
            createDirectory();
            try {
                KeyFiles.write(Ed25519KeyPair.generate(new SecureRandom()), directory, PREFIX, false);
                created = true;
            } catch (GaitException e) {
                if (!Files.exists(privateKeyPath())) {
                    throw e;
                }
                // another process created it first: use theirs
            }
        }
        Signer signer = new LocalKeyProvider(new KeySource.FileSource(privateKeyPath())).openSigner();
        return new Opened(signer, privateKeyPath(), created);
    }

    /** The local public key, if the user has a local key. */
    public Optional<byte[]> publicKey() {
        if (Files.exists(publicKeyPath())) {
            return Optional.of(GoKeyText.decodePublic(new KeySource.FileSource(publicKeyPath())));
        }
        if (Files.exists(privateKeyPath())) {
            return Optional.of(GoKeyText.decodePrivate(new KeySource.FileSource(privateKeyPath())).publicKey());
        }
        return Optional.empty();
    }

    public record Opened(Signer signer, Path privateKey, boolean created) {}

    private void createDirectory() {
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's default ACLs apply
        } catch (IOException e) {
            throw GaitException.io("cannot create the local key directory " + directory + ": " + e.getMessage(), e);
        }
    }
}
