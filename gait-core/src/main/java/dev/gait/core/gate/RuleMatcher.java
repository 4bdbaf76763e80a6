package dev.gait.core.gate;

import dev.gait.core.gate.policy.RuleMatch;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Whether a rule's {@code match} holds for an intent: every given condition must hold (AND across
 * keys, OR within a list). Each target condition may be met by a different target.
 */
final class RuleMatcher {

    private RuleMatcher() {}

    static boolean matches(RuleMatch match, NormalizedIntent intent) {
        JsonObject context = intent.context();
        return anyOf(match.toolNames(), intent.toolName())
                && anyOf(match.riskClasses(), text(context, "risk_class"))
                && anyOf(match.identities(), text(context, "identity"))
                && (match.workspacePrefixes().isEmpty()
                        || match.workspacePrefixes().stream().anyMatch(p -> KillSwitch.underPrefix(text(context, "workspace"), p)))
                && anyTarget(match.targetKinds(), intent, Target::kind)
                && anyTarget(match.destinationKinds(), intent, Target::kind)
                && anyTarget(match.targetValues(), intent, Target::value)
                && anyTarget(match.destinationValues(), intent, Target::value)
                && anyTarget(match.destinationOperations(), intent, Target::operation)
                && anyTarget(match.endpointClasses(), intent, Target::endpointClass)
                && anyTarget(match.discoveryMethods(), intent, Target::discoveryMethod)
                && anyTarget(match.dataClasses(), intent, Target::sensitivity)
                && annotationsMatch(match.toolAnnotations(), intent.targets())
                && (match.provenanceSources().isEmpty() || intent.argProvenance().stream()
                        .anyMatch(p -> match.provenanceSources().contains(text(p, "source"))))
                && skillMatches(match.skillPublishers(), intent, "publisher")
                && skillMatches(match.skillSources(), intent, "source")
                && wrkrMatches(match.contextToolNames(), context, "wrkr.tool_name")
                && wrkrMatches(match.contextDataClasses(), context, "wrkr.data_class")
                && wrkrMatches(match.contextEndpointClasses(), context, "wrkr.endpoint_class")
                && wrkrMatches(match.contextAutonomyLevels(), context, "wrkr.autonomy_level")
                && delegationMatches(match, intent.delegation());
    }

    private static boolean anyOf(List<String> allowed, String value) {
        return allowed.isEmpty() || allowed.contains(value);
    }

    /** A loop, not a stream: it runs for every matcher of every rule on every decision. */
    private static boolean anyTarget(List<String> allowed, NormalizedIntent intent, Function<Target, String> field) {
        if (allowed.isEmpty()) {
            return true;
        }
        for (Target target : intent.targets()) {
            if (allowed.contains(field.apply(target))) {
                return true;
            }
        }
        return false;
    }

    private static boolean annotationsMatch(RuleMatch.ToolAnnotations hints, List<Target> targets) {
        if (hints == null) {
            return true;
        }
        return hint(hints.readOnlyHint(), targets, Target::readOnlyHint)
                && hint(hints.destructiveHint(), targets, Target::destructiveHint)
                && hint(hints.idempotentHint(), targets, Target::idempotentHint)
                && hint(hints.openWorldHint(), targets, Target::openWorldHint);
    }

    private static boolean hint(Boolean wanted, List<Target> targets, Function<Target, Boolean> field) {
        return wanted == null || targets.stream().anyMatch(t -> field.apply(t).equals(wanted));
    }

    private static boolean skillMatches(List<String> allowed, NormalizedIntent intent, String key) {
        if (allowed.isEmpty()) {
            return true;
        }
        return intent.skillProvenance() != null
                && allowed.contains(text(intent.skillProvenance(), key).toLowerCase(Locale.ROOT));
    }

    private static boolean wrkrMatches(List<String> allowed, JsonObject context, String key) {
        if (allowed.isEmpty()) {
            return true;
        }
        JsonObject auth = context.object("auth_context").orElse(JsonObject.EMPTY);
        return auth.get(key).filter(JsonString.class::isInstance)
                .map(v -> allowed.contains(((JsonString) v).value().toLowerCase(Locale.ROOT))).orElse(false);
    }

    private static boolean delegationMatches(RuleMatch match, JsonObject delegation) {
        if (!match.constrainsDelegation()) {
            return true;
        }
        if (delegation == null) {
            return false;
        }
        List<JsonObject> chain = delegation.array("chain").orElse(JsonArray.EMPTY).elements().stream()
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
        if (match.maxDelegationDepth() != null && chain.size() > match.maxDelegationDepth()) {
            return false;
        }
        if (!match.allowedDelegatorIdentities().isEmpty()
                && chain.stream().noneMatch(l -> match.allowedDelegatorIdentities().contains(text(l, "delegator_identity")))) {
            return false;
        }
        if (!match.allowedDelegateIdentities().isEmpty()
                && !match.allowedDelegateIdentities().contains(text(delegation, "requester_identity"))
                && chain.stream().noneMatch(l -> match.allowedDelegateIdentities().contains(text(l, "delegate_identity")))) {
            return false;
        }
        return match.delegationScopes().isEmpty()
                || match.delegationScopes().contains(text(delegation, "scope_class"))
                || chain.stream().anyMatch(l -> match.delegationScopes().contains(text(l, "scope_class")));
    }

    static String text(JsonObject json, String key) {
        return json == null ? "" : json.get(key).filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value()).orElse("");
    }

    static List<String> strings(JsonObject json, String key) {
        return json == null ? List.of() : json.array(key).orElse(JsonArray.EMPTY).elements().stream()
                .filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value()).toList();
    }

    static boolean flag(JsonObject json, String key) {
        return json != null && json.get(key).map(v -> v == dev.gait.core.json.JsonBoolean.TRUE).orElse(false);
    }

    static long number(JsonObject json, String key) {
        return json == null ? 0 : json.get(key).filter(dev.gait.core.json.JsonNumber.class::isInstance)
                .map(v -> (long) ((dev.gait.core.json.JsonNumber) v).value()).orElse(0L);
    }

}
