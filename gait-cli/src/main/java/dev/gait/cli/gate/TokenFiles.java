package dev.gait.cli.gate;

import dev.gait.cli.Invocation;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.gate.PresentedTokens;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.GoKeyText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Loads approval and delegation token files and picks the keys that verify them. */
public final class TokenFiles {

    /** Tokens larger than this are not tokens. */
    private static final int MAX_TOKEN_BYTES = 64 * 1024;

    private TokenFiles() {}

    /**
     * Token paths from a single-token flag and a chain flag, trimmed, de-duplicated and sorted as Gait
     * v1 does. A missing file is invalid input; a file that is not a JSON object is presented as null,
     * an invalid token that can never count.
     */
    static List<JsonObject> load(Invocation invocation, String single, String chain) {
        TreeSet<String> paths = new TreeSet<>();
        for (String path : (single + "," + chain).split(",")) {
            if (!path.isBlank()) {
                paths.add(path.strip());
            }
        }
        List<JsonObject> tokens = new ArrayList<>();
        for (String path : paths) {
            tokens.add(PresentedTokens.token(InputFiles.read(invocation.resolve(path), MAX_TOKEN_BYTES)));
        }
        return tokens;
    }

    /** The first key pair given, in order of preference (public key before private key within a pair). */
    public static Optional<byte[]> firstKey(Invocation invocation, List<KeyFlagPair> publicKeys, List<KeyFlagPair> privateKeys) {
        for (int i = 0; i < publicKeys.size(); i++) {
            var publicSource = publicKeys.get(i).source(invocation);
            if (publicSource.isPresent()) {
                return Optional.of(GoKeyText.decodePublic(publicSource.get()));
            }
            var privateSource = privateKeys.get(i).source(invocation);
            if (privateSource.isPresent()) {
                return Optional.of(GoKeyText.decodePrivate(privateSource.get()).publicKey());
            }
        }
        return Optional.empty();
    }
}
