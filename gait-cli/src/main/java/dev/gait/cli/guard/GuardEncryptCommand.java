package dev.gait.cli.guard;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.cli.runpack.RunpackLocator;
import dev.gait.core.digest.Digests;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.guard.EncryptedArtifact;
import dev.gait.core.guard.EncryptionKeyProvider;
import dev.gait.core.json.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * {@code gait guard encrypt --in F}: seals a file with AES-256-GCM into {@code F.gaitenc}. Only
 * ciphertext is ever written (to a temporary file beside the target, then renamed), so no plaintext
 * copy is left behind; the input itself is left as it is.
 */
final class GuardEncryptCommand extends LeafCommand<CryptFlags> {

    GuardEncryptCommand() {
        super("encrypt", "Encrypt an artifact at rest with AES-256-GCM under a key from the environment or a key program.",
                "guard encrypt seals an artifact with AES-256-GCM under a key your environment or key management program provides.",
                "[<path>]", 1);
    }

    @Override
    protected CryptFlags declare(FlagSet flags) {
        return CryptFlags.declare(flags, "artifact to encrypt", "encrypted artifact path (default <in>" + EncryptedArtifact.SUFFIX + ")");
    }

    @Override
    protected int execute(Invocation invocation, Output output, CryptFlags flags, List<String> positionals) {
        Path input = flags.input(invocation, positionals);
        Path target = flags.output(invocation, input, name -> name + EncryptedArtifact.SUFFIX);
        EncryptionKeyProvider keys = flags.key().provider(invocation);
        byte[] plaintext = InputFiles.read(input, EncryptedArtifact.MAX_PLAINTEXT_BYTES);
        AtomicFiles.write(target, EncryptedArtifact.seal(plaintext, keys, invocation.clock().instant(), new SecureRandom()));
        String shown = RunpackLocator.display(invocation, target);
        JsonObject json = JsonObject.builder()
                .put("path", shown)
                .put("algorithm", EncryptedArtifact.ALGORITHM)
                .put("plain_sha256", Digests.sha256Hex(plaintext))
                .put("plain_size", plaintext.length)
                .put("key_mode", keys.source().mode())
                .putOmitEmpty("key_ref", keys.source().ref())
                .build();
        return output.success(json, List.of("path=" + shown, "algorithm=" + EncryptedArtifact.ALGORITHM, "key_mode=" + keys.source().mode()));
    }
}
