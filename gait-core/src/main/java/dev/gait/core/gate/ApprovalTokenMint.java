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

/**
 * Mints signed approval tokens bit-compatible with Gait v1: the same token id and signed digest for
 * the same inputs, so tokens flow between implementations.
 */
public final class ApprovalTokenMint {

    private ApprovalTokenMint() {}

    /** What an approver vouches for; {@code maxTargets} and {@code maxOps} of 0 mean no limit. */
    public record Request(String approverIdentity, String reasonCode, String intentDigest, String policyDigest,
                          String delegationBindingDigest, List<String> scope, long maxTargets, long maxOps, Duration ttl,
                          OffsetDateTime createdAt) {}

    public static JsonObject mint(Request request, Signer signer) {
        String approver = request.approverIdentity().strip();
        String reason = request.reasonCode().strip();
        if (approver.isEmpty() || reason.isEmpty()) {
            throw GaitException.invalidInput("an approval token needs an approver identity and a reason code");
        }
        for (String digest : List.of(request.intentDigest(), request.policyDigest())) {
            if (!Digests.isSha256Hex(digest)) {
                throw GaitException.invalidInput("not a SHA-256 hex digest: " + digest);
            }
        }
        String binding = request.delegationBindingDigest().strip();
        if (!binding.isEmpty() && !Digests.isSha256Hex(binding)) {
            throw GaitException.invalidInput("delegation binding digest is not a SHA-256 hex digest: " + binding);
        }
        List<String> scope = SignedTokens.scope(request.scope());
        if (scope.isEmpty()) {
            throw GaitException.invalidInput("an approval token needs at least one scope entry");
        }
        for (String entry : scope) {
            // gate eval requires tool:<name>, so a bare tool name would mint a token that never matches
            if (!entry.equals("*") && !entry.contains(":")) {
                throw GaitException.invalidInput("scope entry " + entry + " has no kind; use tool:" + entry);
            }
        }
        if (request.ttl().isNegative() || request.ttl().isZero()) {
            throw GaitException.invalidInput("approval token ttl must be positive");
        }
        if (request.maxTargets() < 0 || request.maxOps() < 0) {
            throw GaitException.invalidInput("max targets and max ops must not be negative");
        }
        OffsetDateTime created = request.createdAt().withOffsetSameInstant(ZoneOffset.UTC);
        String expiresAt = GoTime.format(created.plus(request.ttl()));
        String tokenId = Ids.h12(String.join(":", request.intentDigest(), request.policyDigest(), approver, reason,
                String.join(",", scope), Long.toString(request.maxTargets()), Long.toString(request.maxOps()), expiresAt));
        JsonObject unsigned = JsonObject.builder()
                .put("schema_id", ApprovalCheck.TOKEN_SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("created_at", GoTime.format(created))
                .put("producer_version", GaitVersion.current())
                .put("token_id", tokenId)
                .put("approver_identity", approver)
                .put("reason_code", reason)
                .put("intent_digest", request.intentDigest())
                .put("policy_digest", request.policyDigest())
                .putOmitEmpty("delegation_binding_digest", binding)
                .putStrings("scope", scope)
                .putOmitEmpty("max_targets", request.maxTargets())
                .putOmitEmpty("max_ops", request.maxOps())
                .put("expires_at", expiresAt)
                .build();
        return SignedTokens.sign(unsigned, signer);
    }
}
