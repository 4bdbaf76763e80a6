package dev.gait.core.gate;

import dev.gait.core.digest.Digests;
import dev.gait.core.gate.broker.BrokerException;
import dev.gait.core.gate.broker.BrokerRequest;
import dev.gait.core.gate.broker.Credential;
import dev.gait.core.gate.broker.CredentialBroker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The credential stage of an {@code allow}: when a deciding rule requires a brokered credential, or
 * least privilege applies to a high-risk call, the broker must issue a short-lived credential bound
 * to this call, or the call is blocked. In the standard profile a high-risk allow without one
 * passes with a warning reason code, so posture reports can count them.
 */
public final class BrokerStage {
    /** Reason code of a high-risk allow that had no brokered credential (standard profile). */
    public static final String NOT_BROKERED = "least_privilege_credential_not_brokered";

    private BrokerStage() {}

    /**
     * @param broker the configured broker, or null
     * @param credentialRef overrides the rules' broker reference when not blank
     * @param extraScopes requested in addition to the rules' broker scopes
     * @param leastPrivilege whether every high-risk allow needs a brokered credential
     */
    public record Input(CredentialBroker broker, String credentialRef, List<String> extraScopes, boolean leastPrivilege) {
        public static final Input NONE = new Input(null, "", List.of(), false);

        public Input {
            extraScopes = List.copyOf(extraScopes);
        }
    }

    /** The stage's outcome; {@link #credential()} and {@link #request()} are set when a credential was issued. */
    public record Result(Credential credential, BrokerRequest request, List<String> reasonCodes, List<String> violations, boolean blocks) {
        static Result of(List<String> reasons, List<String> violations, boolean blocks) {
            return new Result(null, null, reasons, violations, blocks);
        }

        /** The credential evidence ({@code gait.gate.broker_credential_record} 1.0.0) of an issued credential. */
        public dev.gait.core.json.JsonObject evidence(Gate.Outcome outcome) {
            // the request's tool name is the lowercased one the broker was asked about
            return outcome.recordHeader("gait.gate.broker_credential_record")
                    .put("tool_name", request.toolName())
                    .put("identity", request.identity())
                    .put("broker", credential.broker())
                    .putOmitEmpty("reference", request.reference())
                    .putOmitEmpty("credential_source", credential.source())
                    .putOmitEmpty("credential_access_type", credential.accessType())
                    .putOmitEmpty("credential_issuer", credential.issuer())
                    .putOmitEmpty("credential_subject", credential.subject())
                    .putOmitEmpty("credential_owner", credential.owner())
                    .putStringsOmitEmpty("scope", credential.scope())
                    .put("credential_ref", credential.credentialRef())
                    .putOmitEmpty("target_binding", request.targetBinding())
                    .putOmitEmpty("run_binding", request.runId())
                    .putOmitEmpty("job_binding", request.jobId())
                    .putOmitEmpty("request_digest", credential.requestDigest())
                    .put("issued_at", dev.gait.core.canon.GoTime.formatUtc(credential.issuedAt()))
                    .put("expires_at", dev.gait.core.canon.GoTime.formatUtc(credential.expiresAt()))
                    .put("ttl_seconds", credential.ttlSeconds())
                    .build();
        }
    }

    /** High risk: a high or critical risk class, or a destructive target. */
    static boolean highRisk(NormalizedIntent intent) {
        String risk = RuleMatcher.text(intent.context(), "risk_class").toLowerCase(Locale.ROOT);
        return risk.equals("high") || risk.equals("critical") || Gate.hasDestructiveTarget(intent);
    }

    static Result apply(Input configured, NormalizedIntent intent, Decision decision, Instant now) {
        Input input = configured == null ? Input.NONE : configured;
        boolean highRisk = highRisk(intent);
        if (!decision.requireBrokerCredential() && !(input.leastPrivilege() && highRisk)) {
            return Result.of(highRisk ? List.of(NOT_BROKERED) : List.of(), List.of(), false);
        }
        if (input.broker() == null) {
            return Result.of(List.of("broker_credential_required"), List.of("broker_credential_missing"), true);
        }
        BrokerRequest request = request(input, intent, decision);
        if (request.identity().isEmpty()) {
            return Result.of(List.of("broker_credential_missing"), List.of("broker_credential_missing", "broker_identity_missing"), true);
        }
        Credential credential;
        try {
            credential = input.broker().issue(request, now);
        } catch (BrokerException e) {
            return Result.of(List.of("broker_credential_missing"), List.of("broker_credential_missing", e.violation()), true);
        } catch (RuntimeException e) {
            // whatever else goes wrong in a broker, the call does not get a credential
            return Result.of(List.of("broker_credential_missing"), List.of("broker_credential_missing", "broker_failed"), true);
        }
        String problem = problem(request, credential, intent);
        if (!problem.isEmpty()) {
            return new Result(credential, request, List.of(problem), List.of(problem), true);
        }
        return new Result(credential, request, List.of("broker_credential_present"), List.of(), false);
    }

    /** The first way the credential fails to fit the request, or empty. */
    private static String problem(BrokerRequest request, Credential credential, NormalizedIntent intent) {
        if (credential.requestDigest().isEmpty()) {
            return "broker_request_digest_missing";
        }
        if (!credential.requestDigest().equals(request.digest())) {
            return "broker_request_digest_mismatch";
        }
        if (!credential.scope().containsAll(request.scope())) {
            return "broker_scope_mismatch";
        }
        if (credential.ttlSeconds() <= 0) {
            return "broker_ttl_exceeded";
        }
        String intentRef = RuleMatcher.text(intent.context(), "credential_ref");
        if (!intentRef.isEmpty() && !intentRef.equals(credential.credentialRef())) {
            return "broker_credential_ref_mismatch";
        }
        return "";
    }

    private static BrokerRequest request(Input input, NormalizedIntent intent, Decision decision) {
        TreeSet<String> scope = new TreeSet<>();
        for (String entry : concat(decision.brokerScopes(), input.extraScopes())) {
            if (!entry.isBlank()) {
                scope.add(entry.strip().toLowerCase(Locale.ROOT));
            }
        }
        String reference = input.credentialRef().isBlank() ? decision.brokerReference() : input.credentialRef().strip();
        var context = intent.context();
        return new BrokerRequest(intent.toolName().toLowerCase(Locale.ROOT), RuleMatcher.text(context, "identity").strip(),
                RuleMatcher.text(context, "workspace"), RuleMatcher.text(context, "session_id"), RuleMatcher.text(context, "request_id"),
                RuleMatcher.text(context, "run_id"), RuleMatcher.text(context, "job_id"), reference, List.copyOf(scope),
                Digests.jcsHex(NormalizedIntent.targetsJson(intent.targets())));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
