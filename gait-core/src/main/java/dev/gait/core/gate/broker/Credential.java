package dev.gait.core.gate.broker;

import java.time.Instant;
import java.util.List;

/**
 * A credential a broker issued: a reference to it (never the secret), who issued it, for what,
 * until when, and what it is bound to.
 */
public record Credential(String broker, String credentialRef, String source, String accessType, String issuer, String subject,
                         String owner, List<String> scope, Instant issuedAt, Instant expiresAt, String requestDigest,
                         Bindings bindings) {

    /** The call a credential is bound to: the digest of its targets, its run and its job (empty when unbound). */
    public record Bindings(String target, String run, String job) {
        /** The bindings of the call a request describes. */
        public static Bindings of(BrokerRequest request) {
            return new Bindings(request.targetBinding(), request.runId(), request.jobId());
        }
    }

    public Credential {
        scope = List.copyOf(scope);
    }

    public long ttlSeconds() {
        return expiresAt.getEpochSecond() - issuedAt.getEpochSecond();
    }
}
