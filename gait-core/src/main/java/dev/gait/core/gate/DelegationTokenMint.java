package dev.gait.core.gate;

import dev.gait.core.canon.GoTime;
import dev.gait.core.digest.Digests;
import dev.gait.core.digest.Ids;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.Signer;
import dev.gait.core.version.GaitVersion;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** Mints signed delegation tokens bit-compatible with Gait v1 (same token id and signed digest for the same inputs). */
public final class DelegationTokenMint {

    private DelegationTokenMint() {}

    /** One delegator lets one delegate act within a scope; the digests, when given, pin it to one intent and policy. */
    public record Request(String delegatorIdentity, String delegateIdentity, List<String> scope, String scopeClass, String intentDigest,
                          String policyDigest, Duration ttl, OffsetDateTime createdAt) {}

    public static JsonObject mint(Request request, Signer signer) {
        String delegator = request.delegatorIdentity().strip();
        String delegate = request.delegateIdentity().strip();
        if (delegator.isEmpty() || delegate.isEmpty()) {
            throw GaitException.invalidInput("a delegation token needs a delegator and a delegate identity");
        }
        List<String> scope = SignedTokens.scope(request.scope());
        if (scope.isEmpty()) {
            throw GaitException.invalidInput("a delegation token needs at least one scope entry");
        }
        for (String digest : List.of(request.intentDigest().strip(), request.policyDigest().strip())) {
            if (!digest.isEmpty() && !Digests.isSha256Hex(digest)) {
                throw GaitException.invalidInput("not a SHA-256 hex digest: " + digest);
            }
        }
        if (request.ttl().isNegative() || request.ttl().isZero()) {
            throw GaitException.invalidInput("delegation token ttl must be positive");
        }
        String scopeClass = request.scopeClass().strip().toLowerCase(Locale.ROOT);
        OffsetDateTime created = request.createdAt().withOffsetSameInstant(ZoneOffset.UTC);
        String expiresAt = GoTime.format(created.plus(request.ttl()));
        String tokenId = Ids.h12(String.join(":", delegator, delegate, String.join(",", scope), scopeClass, request.intentDigest().strip(),
                request.policyDigest().strip(), expiresAt));
        JsonObject unsigned = JsonObject.builder()
                .put("schema_id", DelegationCheck.TOKEN_SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("created_at", GoTime.format(created))
                .put("producer_version", GaitVersion.current())
                .put("token_id", tokenId)
                .put("delegator_identity", delegator)
                .put("delegate_identity", delegate)
                .putStrings("scope", scope)
                .putOmitEmpty("scope_class", scopeClass)
                .putOmitEmpty("intent_digest", request.intentDigest().strip())
                .putOmitEmpty("policy_digest", request.policyDigest().strip())
                .put("expires_at", expiresAt)
                .build();
        return SignedTokens.sign(unsigned, signer);
    }
}
