package dev.gait.cli.gate;

import dev.gait.cli.Invocation;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.gate.ApprovalCheck;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.sign.GoKeyText;
import dev.gait.core.sign.Signer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Loads the approval tokens named by {@code gate eval} and the keys that verify them. */
final class ApprovalTokens {

    /** Tokens larger than this are not tokens. */
    private static final int MAX_TOKEN_BYTES = 64 * 1024;

    private ApprovalTokens() {}

    /**
     * Token paths from {@code --approval-token} and {@code --approval-token-chain}, trimmed, de-duplicated
     * and sorted as Gait v1 does. A missing file is invalid input; a file that is not a JSON object is
     * presented as an invalid token, so it can never count.
     */
    static ApprovalCheck.Input load(Invocation invocation, GateEvalCommand.Flags flags, Signer traceSigner) {
        TreeSet<String> paths = new TreeSet<>();
        for (String path : (flags.approvalToken().get() + "," + flags.approvalTokenChain().get()).split(",")) {
            if (!path.isBlank()) {
                paths.add(path.strip());
            }
        }
        List<JsonObject> tokens = new ArrayList<>();
        for (String path : paths) {
            byte[] bytes = InputFiles.read(invocation.resolve(path), MAX_TOKEN_BYTES);
            try {
                tokens.add(JsonReader.strict().readObject(bytes));
            } catch (JsonException e) {
                tokens.add(null);
            }
        }
        return new ApprovalCheck.Input(tokens, verifyKeys(invocation, flags, traceSigner));
    }

    /** The approval key flags, else the key that signs the trace. */
    private static List<byte[]> verifyKeys(Invocation invocation, GateEvalCommand.Flags flags, Signer traceSigner) {
        var publicKey = flags.approvalPublicKey().source(invocation);
        if (publicKey.isPresent()) {
            return List.of(GoKeyText.decodePublic(publicKey.get()));
        }
        var privateKey = flags.approvalPrivateKey().source(invocation);
        if (privateKey.isPresent()) {
            return List.of(GoKeyText.decodePrivate(privateKey.get()).publicKey());
        }
        return List.of(traceSigner.publicKey());
    }
}
