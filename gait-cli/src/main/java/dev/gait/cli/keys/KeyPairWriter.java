package dev.gait.cli.keys;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.output.Output;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.KeyFiles;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/** Shared body of {@code keys init} and {@code keys rotate}: both write a fresh key pair. */
abstract class KeyPairWriter extends LeafCommand<KeyPairWriter.WriterFlags> {

    record WriterFlags(KeyLocation location, Flag<Boolean> force) {}

    KeyPairWriter(String name, String summary, String explain) {
        super(name, summary, explain);
    }

    /** The file name prefix of the pair to write, derived from {@code --prefix}. */
    abstract String filePrefix(Invocation invocation, String prefix);

    @Override
    protected WriterFlags declare(FlagSet flags) {
        return new WriterFlags(KeyLocation.declare(flags), flags.bool("force", false, "overwrite existing key files"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, WriterFlags flags, List<String> positionals) {
        String prefix = flags.location().checkedPrefix();
        Path directory = flags.location().directory(invocation);
        Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
        KeyFiles.Written written = KeyFiles.write(pair, directory, filePrefix(invocation, prefix), flags.force().get());
        JsonObject payload = JsonObject.builder()
                .put("key_id", written.keyId())
                .put("private_key_path", written.privateKey().toString())
                .put("public_key_path", written.publicKey().toString())
                .build();
        return output.success(payload, List.of(
                "key_id=" + written.keyId(),
                "private_key_path=" + written.privateKey(),
                "public_key_path=" + written.publicKey()));
    }
}
