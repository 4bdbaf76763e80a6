package dev.gait.cli.keys;

import dev.gait.cli.Invocation;

/** {@code gait keys init}: writes a new key pair, refusing to overwrite one without {@code --force}. */
final class KeysInit extends KeyPairWriter {

    KeysInit() {
        super("init", "Create an Ed25519 key pair (<out-dir>/<prefix>_private.key, _public.key; mode 0600).",
                "keys init creates an Ed25519 signing key pair in Gait's key file format, readable by its owner only.");
    }

    @Override
    String filePrefix(Invocation invocation, String prefix) {
        return prefix;
    }
}
