package dev.gait.core.sign;

import dev.gait.core.fs.AtomicFiles;
import java.nio.charset.StandardCharsets;
import dev.gait.core.error.GaitException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Writes key pairs as {@code <dir>/<prefix>_private.key} and {@code <dir>/<prefix>_public.key}, mode 0600. */
public final class KeyFiles {

    private KeyFiles() {}

    public record Written(Path privateKey, Path publicKey, String keyId) {}

    public static Path privateKeyPath(Path directory, String prefix) {
        return directory.resolve(prefix + "_private.key");
    }

    public static Path publicKeyPath(Path directory, String prefix) {
        return directory.resolve(prefix + "_public.key");
    }

    public static Written write(Ed25519KeyPair pair, Path directory, String prefix, boolean overwrite) {
        Path privatePath = privateKeyPath(directory, prefix);
        Path publicPath = publicKeyPath(directory, prefix);
        if (!overwrite) {
            // Checked for both files first so that a refusal leaves no half-written pair behind;
            // each write below still refuses atomically if a file appears in between.
            for (Path path : new Path[] {privatePath, publicPath}) {
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw GaitException.invalidInput("refusing to overwrite existing file " + path + " (use --force)");
                }
            }
        }
        AtomicFiles.write(privatePath, GoKeyText.encode(pair.goPrivateKey()).getBytes(StandardCharsets.US_ASCII), overwrite);
        AtomicFiles.write(publicPath, GoKeyText.encode(pair.publicKey()).getBytes(StandardCharsets.US_ASCII), overwrite);
        return new Written(privatePath, publicPath, pair.keyId());
    }
}
