package dev.gait.core.gate.policy;

import static dev.gait.core.gate.policy.PolicyValues.checked;
import static dev.gait.core.gate.policy.PolicyValues.invalid;
import static dev.gait.core.gate.policy.PolicyValues.json;
import static dev.gait.core.gate.policy.PolicyValues.list;
import static dev.gait.core.gate.policy.PolicyValues.lower;
import static dev.gait.core.gate.policy.PolicyValues.trimmed;

import dev.gait.core.gate.GateVocabulary;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.yaml.YamlMap;
import java.util.List;
import java.util.Set;

/** The optional sections of a policy rule: endpoint, dataflow, freeze window, sandbox and rate limits. */
public final class RuleSections {
    static final Set<String> BLOCKING_ACTIONS = Set.of("block", "require_approval");
    static final Set<String> NETWORK_MODES = Set.of("disabled", "egress_allowlist", "full");
    static final Set<String> ENV_EXPOSURE_MODES = Set.of("allowlist", "full", "none");
    static final Set<String> FILESYSTEM_ISOLATIONS = Set.of("container", "none", "workspace");
    static final Set<String> USER_MODES = Set.of("default", "root", "unprivileged");

    private RuleSections() {}

    /** Endpoint constraints on paths, domains and egress classes. */
    public record Endpoint(List<String> pathAllowlist, List<String> pathDenylist, List<String> domainAllowlist,
                           List<String> domainDenylist, List<String> egressClasses, String action, String destructiveAction,
                           String reasonCode, String violation) {

        static Endpoint parse(YamlMap yaml, String rule) {
            List<String> paths = list(yaml.strings("path_allowlist"), false);
            List<String> denied = list(yaml.strings("path_denylist"), false);
            List<String> domains = list(yaml.strings("domain_allowlist"), true);
            List<String> deniedDomains = list(yaml.strings("domain_denylist"), true);
            List<String> egress = checked(list(yaml.strings("egress_classes"), true), GateVocabulary.ENDPOINT_CLASSES, "endpoint egress_class", rule);
            for (String cls : egress) {
                if (!cls.startsWith("net.")) {
                    throw invalid("endpoint egress_class \"" + cls + "\" for " + rule + " is not a net.* class");
                }
            }
            String action = RuleSections.action(yaml, "action", "block", rule);
            String destructive = RuleSections.action(yaml, "destructive_action", "", rule);
            String reason = trimmed(yaml.string("reason_code"));
            String violation = trimmed(yaml.string("violation"));
            yaml.bool("enabled"); // enablement follows from the constraints themselves
            yaml.rejectUnknownKeys();
            boolean enabled = !paths.isEmpty() || !denied.isEmpty() || !domains.isEmpty() || !deniedDomains.isEmpty()
                    || !egress.isEmpty() || !destructive.isEmpty();
            if (!enabled) {
                return null;
            }
            return new Endpoint(paths, denied, domains, deniedDomains, egress, action, destructive,
                    reason.isEmpty() ? "endpoint_constraint_violation" : reason,
                    violation.isEmpty() ? "endpoint_constraint_violation" : violation);
        }

        JsonObject toDigest() {
            return JsonObject.builder()
                    .put("Enabled", true)
                    .put("PathAllowlist", json(pathAllowlist))
                    .put("PathDenylist", json(pathDenylist))
                    .put("DomainAllowlist", json(domainAllowlist))
                    .put("DomainDenylist", json(domainDenylist))
                    .put("EgressClasses", json(egressClasses))
                    .put("Action", action)
                    .put("DestructiveAction", destructiveAction)
                    .put("ReasonCode", reasonCode)
                    .put("Violation", violation)
                    .build();
        }
    }

    /** Tainted data reaching a destination. */
    public record Dataflow(List<String> taintedSources, List<String> destinationKinds, List<String> destinationValues,
                           List<String> destinationOperations, String action, String reasonCode, String violation) {

        static Dataflow parse(YamlMap yaml, String rule) {
            boolean enabled = yaml.bool("enabled");
            List<String> tainted = list(yaml.strings("tainted_sources"), true);
            List<String> kinds = list(yaml.strings("destination_kinds"), true);
            List<String> values = list(yaml.strings("destination_values"), false);
            List<String> operations = list(yaml.strings("destination_operations"), true);
            String action = RuleSections.action(yaml, "action", "require_approval", rule);
            String reason = trimmed(yaml.string("reason_code"));
            String violation = trimmed(yaml.string("violation"));
            yaml.rejectUnknownKeys();
            if (!enabled && tainted.isEmpty() && kinds.isEmpty() && values.isEmpty() && operations.isEmpty()) {
                return null;
            }
            return new Dataflow(tainted.isEmpty() ? List.of("external", "tool_output") : tainted, kinds, values, operations,
                    action, reason.isEmpty() ? "dataflow_tainted_destination" : reason,
                    violation.isEmpty() ? "tainted_dataflow" : violation);
        }

        JsonObject toDigest() {
            return JsonObject.builder()
                    .put("Enabled", true)
                    .put("TaintedSources", json(taintedSources))
                    .put("Action", action)
                    .put("ReasonCode", reasonCode)
                    .put("Violation", violation)
                    .putOmitEmpty("DestinationKinds", json(destinationKinds))
                    .putOmitEmpty("DestinationValues", json(destinationValues))
                    .putOmitEmpty("DestinationOperations", json(destinationOperations))
                    .build();
        }
    }

    /** Periods (in an IANA time zone) during which matching calls are blocked or need approval. */
    public record FreezeWindow(String timezone, String effect, String reason, List<String> environments,
                               List<String> riskClasses, List<Window> windows) {

        public record Window(String name, String start, String end) {
            JsonObject toDigest() {
                return JsonObject.builder().put("Name", name).put("Start", start).put("End", end).build();
            }
        }

        static FreezeWindow parse(YamlMap yaml, String rule) {
            boolean any = yaml.hasAny("enabled", "timezone", "effect", "reason", "environments", "risk_classes", "windows");
            yaml.bool("enabled");
            String timezone = trimmed(yaml.string("timezone"));
            String effect = RuleSections.action(yaml, "effect", "block", rule);
            String reason = trimmed(yaml.string("reason"));
            List<String> environments = list(yaml.strings("environments"), true);
            List<String> risk = list(yaml.strings("risk_classes"), true);
            List<YamlMap> windowMaps = yaml.maps("windows");
            List<Window> windows = new java.util.ArrayList<>();
            for (int i = 0; i < windowMaps.size(); i++) {
                YamlMap w = windowMaps.get(i);
                String name = trimmed(w.string("name"));
                String start = trimmed(w.string("start"));
                String end = trimmed(w.string("end"));
                w.rejectUnknownKeys();
                if (start.isEmpty() || end.isEmpty()) {
                    throw invalid("freeze_window window " + (i + 1) + " for " + rule + " needs start and end");
                }
                windows.add(new Window(name.isEmpty() ? "window-" + (i + 1) : name, start, end));
            }
            yaml.rejectUnknownKeys();
            if (!any) {
                return null;
            }
            if (timezone.isEmpty() || windows.isEmpty()) {
                throw invalid("freeze_window for " + rule + " needs a timezone and at least one window");
            }
            return new FreezeWindow(timezone, effect, reason, environments, risk, windows);
        }

        JsonObject toDigest() {
            return JsonObject.builder()
                    .put("Enabled", true)
                    .put("Timezone", timezone)
                    .put("Effect", effect)
                    .put("Reason", reason)
                    .put("Environments", json(environments))
                    .put("RiskClasses", json(riskClasses))
                    .put("Windows", PolicyValues.jsonObjects(windows.stream().map(Window::toDigest).toList()))
                    .build();
        }
    }

    /** Required sandbox properties of the calling agent. */
    public record Sandbox(List<String> allowedNetworkModes, List<String> allowedWritablePathPrefixes,
                          List<String> requiredReadOnlyRoots, List<String> allowedEnvExposureModes, long maxTimeoutSeconds,
                          List<String> allowedFilesystemIsolations, List<String> allowedUserModes) {

        static Sandbox parse(YamlMap yaml, String rule) {
            yaml.bool("enabled");
            Sandbox sandbox = new Sandbox(
                    checked(list(yaml.strings("allowed_network_modes"), true), NETWORK_MODES, "sandbox network mode", rule),
                    cleanPaths(yaml.strings("allowed_writable_path_prefixes")),
                    cleanPaths(yaml.strings("required_read_only_roots")),
                    checked(list(yaml.strings("allowed_env_exposure_modes"), true), ENV_EXPOSURE_MODES, "sandbox env exposure mode", rule),
                    PolicyValues.nonNegative(yaml.integer("max_timeout_seconds").orElse(0L), "sandbox max_timeout_seconds for " + rule),
                    checked(list(yaml.strings("allowed_filesystem_isolations"), true), FILESYSTEM_ISOLATIONS, "sandbox filesystem isolation", rule),
                    checked(list(yaml.strings("allowed_user_modes"), true), USER_MODES, "sandbox user mode", rule));
            yaml.rejectUnknownKeys();
            boolean enabled = !sandbox.allowedNetworkModes.isEmpty() || !sandbox.allowedWritablePathPrefixes.isEmpty()
                    || !sandbox.requiredReadOnlyRoots.isEmpty() || !sandbox.allowedEnvExposureModes.isEmpty()
                    || sandbox.maxTimeoutSeconds > 0 || !sandbox.allowedFilesystemIsolations.isEmpty() || !sandbox.allowedUserModes.isEmpty();
            return enabled ? sandbox : null;
        }

        private static List<String> cleanPaths(List<String> paths) {
            return list(paths.stream().map(p -> trimmed(p).isEmpty() ? "" : dev.gait.core.gate.GoPaths.clean(trimmed(p))).toList(), false);
        }

        JsonObject toDigest() {
            return JsonObject.builder()
                    .put("Enabled", true)
                    .put("AllowedNetworkModes", json(allowedNetworkModes))
                    .put("AllowedWritablePathPrefixes", nullIfEmpty(allowedWritablePathPrefixes))
                    .put("RequiredReadOnlyRoots", nullIfEmpty(requiredReadOnlyRoots))
                    .put("AllowedEnvExposureModes", json(allowedEnvExposureModes))
                    .put("MaxTimeoutSeconds", maxTimeoutSeconds)
                    .put("AllowedFilesystemIsolations", json(allowedFilesystemIsolations))
                    .put("AllowedUserModes", json(allowedUserModes))
                    .build();
        }

        private static JsonValue nullIfEmpty(List<String> values) {
            return values.isEmpty() ? dev.gait.core.json.JsonNull.INSTANCE : json(values);
        }
    }

    /** A request budget: {@code requests} per {@code window} (minute or hour) per {@code scope}. */
    public record Budget(long requests, String window, String scope) {
        static final Set<String> WINDOWS = Set.of("minute", "hour");
        static final Set<String> SCOPES = Set.of("tool", "identity", "tool_identity");

        static Budget parse(YamlMap yaml, String what, String rule, boolean requireRequests) {
            boolean any = yaml.hasAny("requests", "window", "scope");
            long requests = yaml.integer("requests").orElse(0L);
            String window = lower(yaml.string("window"));
            String scope = lower(yaml.string("scope"));
            yaml.rejectUnknownKeys();
            if (requests < 0 || (requireRequests && any && requests < 1)) {
                throw invalid(what + ".requests for " + rule + " must be " + (requireRequests ? "at least 1" : "zero or more"));
            }
            window = window.isEmpty() ? "minute" : window;
            scope = scope.isEmpty() ? "tool_identity" : scope;
            if (!WINDOWS.contains(window) || !SCOPES.contains(scope)) {
                throw invalid(what + " for " + rule + " needs window minute|hour and scope tool|identity|tool_identity");
            }
            return requests > 0 ? new Budget(requests, window, scope) : null;
        }

        JsonObject toDigest() {
            return JsonObject.builder().put("Requests", requests).put("Window", window).put("Scope", scope).build();
        }
    }

    static String action(YamlMap yaml, String key, String fallback, String rule) {
        String value = lower(yaml.string(key));
        if (value.isEmpty()) {
            return fallback;
        }
        if (!BLOCKING_ACTIONS.contains(value)) {
            throw invalid(key + " \"" + value + "\" for " + rule + " must be block or require_approval");
        }
        return value;
    }
}
