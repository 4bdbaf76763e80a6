package dev.gait.core.gate;

import dev.gait.core.canon.GoTime;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.SignatureRecord;
import dev.gait.core.sign.Signatures;
import dev.gait.core.sign.Signer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** What approval and delegation tokens share: signatures over the token without its signature, scopes and times. */
final class SignedTokens {

    private SignedTokens() {}

    enum SignatureState { VERIFIED, MISSING, INVALID }

    static SignatureState signature(JsonObject token, List<byte[]> keys) {
        JsonObject signature = token.object("signature").orElse(null);
        if (signature == null || RuleMatcher.text(signature, "sig").isEmpty()) {
            return SignatureState.MISSING;
        }
        SignatureRecord record = SignatureRecord.fromJson(signature);
        String digest = Digests.jcsHex(token.without("signature"));
        for (byte[] key : keys) {
            if (Signatures.verifyDigest(key, record, digest).verified()) {
                return SignatureState.VERIFIED;
            }
        }
        return SignatureState.INVALID;
    }

    static JsonObject sign(JsonObject unsigned, Signer signer) {
        return unsigned.toBuilder().put("signature", Signatures.signDigest(signer, Digests.jcsHex(unsigned)).toJson()).build();
    }

    /** Scope entries trimmed, lowercased, de-duplicated and sorted; blanks dropped. */
    static List<String> scope(List<String> entries) {
        TreeSet<String> scope = new TreeSet<>();
        for (String entry : entries) {
            String normalized = entry.strip().toLowerCase(Locale.ROOT);
            if (!normalized.isEmpty()) {
                scope.add(normalized);
            }
        }
        return List.copyOf(scope);
    }

    /** A token time, or null when absent or malformed. */
    static Instant instant(String text) {
        try {
            return text.isBlank() ? null : GoTime.parse(text.strip()).toInstant();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isToken(JsonObject token, String schemaId) {
        return token != null && schemaId.equals(RuleMatcher.text(token, "schema_id")) && "1.0.0".equals(RuleMatcher.text(token, "schema_version"));
    }
}
