package dev.gait.cli.gate;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.keys.SigningKeys;
import dev.gait.cli.output.Output;
import dev.gait.core.canon.GoDuration;
import dev.gait.core.canon.JsonWriter;
import dev.gait.core.error.ExitCode;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.Signer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** What the commands that mint tokens share: required flags, the TTL, the signing key and the written token. */
final class TokenMinting {

    private TokenMinting() {}

    static void require(List<Flag<String>> required) {
        for (Flag<String> flag : required) {
            if (flag.get().isBlank()) {
                throw new UsageException("missing required --" + flag.name());
            }
        }
    }

    static Duration ttl(Flag<String> ttl) {
        try {
            return GoDuration.parse(ttl.get().strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ttl: " + e.getMessage());
        }
    }

    /** Dev mode signs with the local key; prod mode requires an explicit private key. */
    static Signer signer(Invocation invocation, Flag<String> keyMode, KeyFlagPair privateKey) {
        if (keyMode.get().equals("prod") && privateKey.source(invocation).isEmpty()) {
            throw new UsageException("--key-mode prod requires --private-key or --private-key-env");
        }
        return SigningKeys.signer(invocation, privateKey);
    }

    /** Writes the token to {@code --out} or {@code <prefix>_<token_id>.json} and reports it. */
    static int write(Invocation invocation, Output output, JsonObject token, Flag<String> out, String prefix) {
        String tokenId = token.string("token_id").orElseThrow();
        String path = out.get().isBlank() ? prefix + "_" + tokenId + ".json" : out.get();
        AtomicFiles.write(invocation.resolve(path), (JsonWriter.GO_STRUCT_INDENTED.write(token) + "\n").getBytes(StandardCharsets.UTF_8));
        String expiresAt = token.string("expires_at").orElseThrow();
        JsonObject json = JsonObject.builder()
                .put("token_id", tokenId)
                .put("token_path", path)
                .put("expires_at", expiresAt)
                .put("key_id", token.object("signature").orElseThrow().get("key_id").orElseThrow())
                .build();
        return output.result(true, ExitCode.OK, json, List.of("token_id=" + tokenId, "token_path=" + path, "expires_at=" + expiresAt));
    }
}
