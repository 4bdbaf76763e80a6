package dev.gait.core.gate;

import dev.gait.core.gate.policy.PolicyRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the deciding rules ask of the credential an allowed call runs with.
 *
 * @param brokerRequired a deciding rule sets {@code require_broker_credential}
 * @param brokerReference the rules' broker references, comma-joined
 * @param brokerScopes the rules' broker scopes, sorted
 * @param provenanceRules the deciding rules with credential-provenance keys; an issued credential must satisfy each
 * @param optOutReasons {@code <rule>: <reason>} for each deciding rule that opts out of least privilege
 * @param optedOut every deciding rule opts out of least privilege (false when no rule decided)
 */
public record CredentialTerms(boolean brokerRequired, String brokerReference, List<String> brokerScopes,
                              List<PolicyRule> provenanceRules, List<String> optOutReasons, boolean optedOut) {

    public static final CredentialTerms NONE = new CredentialTerms(false, "", List.of(), List.of(), List.of(), false);

    public CredentialTerms {
        brokerScopes = List.copyOf(brokerScopes);
        provenanceRules = List.copyOf(provenanceRules);
        optOutReasons = List.copyOf(optOutReasons);
    }

    /** The terms of the rules that decided one call. */
    static CredentialTerms of(List<PolicyRule> deciding) {
        List<CredentialTerms> each = deciding.stream().map(rule -> new CredentialTerms(rule.requireBrokerCredential(),
                rule.brokerReference(), rule.brokerScopes(), IdentityChecks.constrainsCredential(rule) ? List.of(rule) : List.of(),
                rule.leastPrivilegeOptOut().isEmpty() ? List.of() : List.of(rule.name() + ": " + rule.leastPrivilegeOptOut()),
                !rule.leastPrivilegeOptOut().isEmpty())).toList();
        return merge(each);
    }

    /** The terms of several decisions together (the rules of one call, or the steps of a script): the strictest of each. */
    static CredentialTerms merge(List<CredentialTerms> parts) {
        boolean required = false;
        Set<String> references = new LinkedHashSet<>();
        List<String> scopes = new ArrayList<>();
        List<PolicyRule> rules = new ArrayList<>();
        Set<String> reasons = new LinkedHashSet<>();
        boolean optedOut = !parts.isEmpty();
        for (CredentialTerms part : parts) {
            required |= part.brokerRequired();
            if (!part.brokerReference().isEmpty()) {
                references.add(part.brokerReference());
            }
            scopes.addAll(part.brokerScopes());
            part.provenanceRules().stream().filter(rule -> !rules.contains(rule)).forEach(rules::add);
            reasons.addAll(part.optOutReasons());
            optedOut &= part.optedOut();
        }
        return new CredentialTerms(required, String.join(",", references), Decision.sorted(scopes), rules, List.copyOf(reasons), optedOut);
    }
}
