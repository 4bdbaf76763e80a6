package dev.gait.cli.keys;

import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import java.util.List;

/** {@code gait keys init|rotate|verify}: local Ed25519 signing keys in Gait's key file format. */
public final class KeysCommands {

    private KeysCommands() {}

    public static CommandFamily family() {
        return new CommandFamily("keys", "Create, rotate and check local Ed25519 signing keys.",
                "keys manages the local Ed25519 key files that sign Gait artifacts; their public halves verify them offline.",
                List.<Command>of(new KeysInit(), new KeysRotate(), new KeysVerify()));
    }
}
