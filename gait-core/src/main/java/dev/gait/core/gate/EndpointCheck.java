package dev.gait.core.gate;

import dev.gait.core.gate.policy.RuleSections;
import java.util.ArrayList;
import java.util.List;

/** A rule's endpoint constraints applied to an intent's targets (paths, domains, egress classes). */
final class EndpointCheck {

    private EndpointCheck() {}

    static Verdict apply(RuleSections.Endpoint endpoint, List<Target> targets, Verdict effect, List<String> reasons,
                         List<String> violations) {
        List<String> fired = new ArrayList<>();
        for (Target target : targets) {
            if (target.kind().equals("path")) {
                if (endpoint.pathDenylist().stream().anyMatch(p -> pathMatches(p, target.value()))) {
                    fired.add("endpoint_path_denied");
                }
                if (!endpoint.pathAllowlist().isEmpty() && endpoint.pathAllowlist().stream().noneMatch(p -> pathMatches(p, target.value()))) {
                    fired.add("endpoint_path_not_allowlisted");
                }
            }
            if (!target.endpointDomain().isEmpty()) {
                if (endpoint.domainDenylist().stream().anyMatch(p -> domainMatches(p, target.endpointDomain()))) {
                    fired.add("endpoint_domain_denied");
                }
                if (!endpoint.domainAllowlist().isEmpty()
                        && endpoint.domainAllowlist().stream().noneMatch(p -> domainMatches(p, target.endpointDomain()))) {
                    fired.add("endpoint_domain_not_allowlisted");
                }
            }
            if (target.endpointClass().startsWith("net.") && !endpoint.egressClasses().isEmpty()
                    && !endpoint.egressClasses().contains(target.endpointClass())) {
                fired.add("endpoint_egress_class_not_allowed");
            }
        }
        Verdict endpointEffect = Verdict.parse(endpoint.action());
        if (!endpoint.destructiveAction().isEmpty() && targets.stream().anyMatch(Target::destructive)) {
            fired.add("endpoint_destructive_operation");
            violations.add("destructive_operation");
            endpointEffect = endpointEffect.max(Verdict.parse(endpoint.destructiveAction()));
        }
        if (fired.isEmpty()) {
            return effect;
        }
        reasons.addAll(fired);
        reasons.add(endpoint.reasonCode());
        violations.add(endpoint.violation());
        return effect.max(endpointEffect);
    }

    /** Exact, {@code X/**} for X and everything below it, else Go's {@code path.Match}. */
    static boolean pathMatches(String pattern, String path) {
        if (pattern.equals(path)) {
            return true;
        }
        if (pattern.endsWith("/**")) {
            String base = pattern.substring(0, pattern.length() - 3);
            return path.equals(base) || path.startsWith(base.endsWith("/") ? base : base + "/");
        }
        return GoPaths.match(pattern, path);
    }

    /** Exact, {@code *.suffix} for any deeper subdomain (not the apex), else Go's {@code path.Match}. */
    static boolean domainMatches(String pattern, String domain) {
        if (pattern.equals(domain)) {
            return true;
        }
        if (pattern.startsWith("*.")) {
            return domain.endsWith(pattern.substring(1));
        }
        return GoPaths.match(pattern, domain);
    }
}
