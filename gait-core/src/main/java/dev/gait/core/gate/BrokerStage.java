package dev.gait.core.gate;

import dev.gait.core.gate.broker.BrokerException;
import dev.gait.core.gate.broker.BrokerRequest;
import dev.gait.core.gate.broker.Credential;
import dev.gait.core.gate.broker.CredentialBroker;
import dev.gait.core.gate.policy.PolicyRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
    /** Reason code of a high-risk allow whose deciding rules all opted out of least privilege, with a reason. */
    public static final String OPTED_OUT = "least_privilege_opt_out";
    /** The longest-lived credential least privilege accepts when no rule sets a shorter maximum. */
    public static final long LEAST_PRIVILEGE_MAX_TTL_SECONDS = 3600;

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
                    .putOmitEmpty("target_binding", credential.bindings().target())
                    .putOmitEmpty("run_binding", credential.bindings().run())
                    .putOmitEmpty("job_binding", credential.bindings().job())
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
        CredentialTerms terms = decision.credentialTerms();
        boolean highRisk = highRisk(intent);
        boolean leastPrivilege = input.leastPrivilege() && highRisk && !terms.optedOut();
        if (!terms.brokerRequired() && !leastPrivilege) {
            List<String> warnings = !highRisk ? List.of() : terms.optedOut() ? optOutNotes(terms) : List.of(NOT_BROKERED);
            return Result.of(warnings.isEmpty() ? List.of() : List.of(warnings.getFirst()), warnings, false);
        }
        if (input.broker() == null) {
            return Result.of(List.of("broker_credential_required"), List.of("broker_credential_missing"), true);
        }
        BrokerRequest request = request(input, intent, terms);
        if (request.identity().isEmpty()) {
            return Result.of(List.of("broker_credential_missing"), List.of("broker_credential_missing", "broker_identity_missing"), true);
        }
        if (leastPrivilege && request.scope().isEmpty()) {
            // an unscoped credential is not least privilege; say where the scope comes from
            return Result.of(List.of("broker_credential_missing"), List.of("broker_credential_missing", "broker_scope_missing"), true);
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
        List<String> problems = problems(request, credential, intent, terms, leastPrivilege);
        if (!problems.isEmpty()) {
            return new Result(credential, request, problems, problems, true);
        }
        return new Result(credential, request, List.of("broker_credential_present"), List.of(), false);
    }

    /** The opt-out code, then each opting-out rule's reason, so the trace says who waived least privilege and why. */
    private static List<String> optOutNotes(CredentialTerms terms) {
        List<String> notes = new ArrayList<>(List.of(OPTED_OUT));
        terms.optOutReasons().forEach(reason -> notes.add(OPTED_OUT + ":" + reason));
        return notes;
    }

    /** Every way the credential fails to fit the request, the deciding rules and least privilege (empty when it fits). */
    private static List<String> problems(BrokerRequest request, Credential credential, NormalizedIntent intent, CredentialTerms terms,
                                         boolean leastPrivilege) {
        if (credential.requestDigest().isEmpty()) {
            return List.of("broker_request_digest_missing");
        }
        if (!credential.requestDigest().equals(request.digest())) {
            return List.of("broker_request_digest_mismatch");
        }
        Set<String> codes = new TreeSet<>();
        if (!credential.scope().containsAll(request.scope())) {
            codes.add("broker_scope_mismatch");
        }
        long ttl = credential.ttlSeconds();
        boolean tooLong = ttl <= 0 || (leastPrivilege && ttl > LEAST_PRIVILEGE_MAX_TTL_SECONDS)
                || terms.provenanceRules().stream().anyMatch(rule -> rule.maxCredentialTtlSeconds() > 0 && ttl > rule.maxCredentialTtlSeconds());
        if (tooLong) {
            codes.add("broker_ttl_exceeded");
        }
        String intentRef = RuleMatcher.text(intent.context(), "credential_ref");
        if (!intentRef.isEmpty() && !intentRef.equals(credential.credentialRef())) {
            codes.add("broker_credential_ref_mismatch");
        }
        Credential.Bindings bound = credential.bindings();
        if (!bound.target().isEmpty() && !bound.target().equals(request.targetBinding())) {
            codes.add("broker_target_binding_mismatch");
        }
        IdentityChecks.bindingMismatch(bound.run(), request.runId(), "broker_run_binding_mismatch").ifPresent(codes::add);
        IdentityChecks.bindingMismatch(bound.job(), request.jobId(), "broker_job_binding_mismatch").ifPresent(codes::add);
        for (PolicyRule rule : terms.provenanceRules()) {
            codes.addAll(IdentityChecks.provenanceFailures(rule, credential.source(), credential.accessType(), credential.issuer()));
        }
        return List.copyOf(codes);
    }

    private static BrokerRequest request(Input input, NormalizedIntent intent, CredentialTerms terms) {
        TreeSet<String> scope = new TreeSet<>();
        for (String entry : concat(terms.brokerScopes(), input.extraScopes())) {
            if (!entry.isBlank()) {
                scope.add(entry.strip().toLowerCase(Locale.ROOT));
            }
        }
        String reference = input.credentialRef().isBlank() ? terms.brokerReference() : input.credentialRef().strip();
        var context = intent.context();
        return new BrokerRequest(intent.toolName().toLowerCase(Locale.ROOT), RuleMatcher.text(context, "identity").strip(),
                RuleMatcher.text(context, "workspace"), RuleMatcher.text(context, "session_id"), RuleMatcher.text(context, "request_id"),
                RuleMatcher.text(context, "run_id"), RuleMatcher.text(context, "job_id"), reference, List.copyOf(scope),
                IntentNormalizer.targetsDigest(intent.targets()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
