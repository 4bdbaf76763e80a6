package dev.gait.core.gate.broker;

import java.time.Instant;
import java.util.List;

/** A credential a broker issued: a reference to it (never the secret), who issued it, for what, until when. */
public record Credential(String broker, String credentialRef, String source, String accessType, String issuer, String subject,
                         String owner, List<String> scope, Instant issuedAt, Instant expiresAt, String requestDigest) {

    public Credential {
        scope = List.copyOf(scope);
    }

    public long ttlSeconds() {
        return expiresAt.getEpochSecond() - issuedAt.getEpochSecond();
    }
}
