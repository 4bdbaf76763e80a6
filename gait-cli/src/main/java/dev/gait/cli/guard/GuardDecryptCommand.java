package dev.gait.cli.guard;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.cli.runpack.RunpackLocator;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.guard.EncryptedArtifact;
import dev.gait.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code gait guard decrypt --in F.gaitenc}: opens an encrypted artifact and checks the plaintext
 * against its recorded digest. A wrong key or an altered artifact fails (exit 2) and writes nothing.
 */
final class GuardDecryptCommand extends LeafCommand<CryptFlags> {

    GuardDecryptCommand() {
        super("decrypt", "Decrypt an encrypted artifact and check it against its recorded digest.",
                "guard decrypt opens an artifact sealed by guard encrypt and checks the result against the digest it recorded.",
                "[<path>]", 1);
    }

    @Override
    protected CryptFlags declare(FlagSet flags) {
        return CryptFlags.declare(flags, "encrypted artifact", "decrypted path (default: <in> without " + EncryptedArtifact.SUFFIX
                + ", or <in>.plain)");
    }

    @Override
    protected int execute(Invocation invocation, Output output, CryptFlags flags, List<String> positionals) {
        Path input = flags.input(invocation, positionals);
        Path target = flags.output(invocation, input, name -> name.endsWith(EncryptedArtifact.SUFFIX)
                ? name.substring(0, name.length() - EncryptedArtifact.SUFFIX.length()) : name + ".plain");
        EncryptedArtifact.Opened opened = EncryptedArtifact.open(InputFiles.read(input, EncryptedArtifact.MAX_ARTIFACT_BYTES),
                flags.key().provider(invocation));
        AtomicFiles.write(target, opened.plaintext());
        String shown = RunpackLocator.display(invocation, target);
        JsonObject json = JsonObject.builder()
                .put("path", shown)
                .put("plain_sha256", opened.sha256())
                .put("plain_size", opened.plaintext().length)
                .build();
        return output.success(json, List.of("path=" + shown, "plain_sha256=" + opened.sha256()));
    }
}
