package dev.gait.core.gate;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks delegation tokens ({@code gait.gate.delegation_token} 1.0.0) against the intent's
 * delegation chain, as Gait v1 does: every link of the chain (or, without a chain, "someone
 * delegated to the requester") must be covered by its own valid token, in order.
 */
public final class DelegationCheck {
    public static final String TOKEN_SCHEMA_ID = "gait.gate.delegation_token";

    private DelegationCheck() {}

    /** One token or uncovered link and what the check found. */
    public record Entry(String tokenId, String delegatorIdentity, String delegateIdentity, List<String> scope, String expiresAt,
                        String errorCode) {
        public boolean valid() {
            return errorCode.isEmpty();
        }

        JsonObject toJson() {
            return JsonObject.builder()
                    .putOmitEmpty("token_id", tokenId).putOmitEmpty("delegator_identity", delegatorIdentity)
                    .putOmitEmpty("delegate_identity", delegateIdentity).putStringsOmitEmpty("scope", scope)
                    .putOmitEmpty("expires_at", expiresAt).put("valid", valid()).putOmitEmpty("error_code", errorCode)
                    .build();
        }
    }

    /** Granted when every link is covered; otherwise the reason codes say why not. */
    public record Result(boolean granted, List<String> reasonCodes, String delegationRef, List<Entry> entries) {

        /** The delegation audit record ({@code gait.gate.delegation_audit_record} 1.0.0). */
        public JsonObject auditRecord(Gate.Outcome outcome) {
            List<Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparing(Entry::delegatorIdentity).thenComparing(Entry::delegateIdentity).thenComparing(Entry::tokenId));
            int valid = (int) entries.stream().filter(Entry::valid).count();
            return outcome.recordHeader("gait.gate.delegation_audit_record")
                    .put("intent_digest", outcome.intentDigest())
                    .put("policy_digest", outcome.policyDigest())
                    .put("delegation_required", outcome.decision().requireDelegation())
                    .put("valid_delegations", valid)
                    .put("delegated", valid > 0)
                    .putOmitEmpty("delegation_ref", delegationRef)
                    .put("entries", new JsonArray(sorted.stream().map(e -> (JsonValue) e.toJson()).toList()))
                    .build();
        }
    }

    private record Link(String delegator, String delegate) {}

    static Result evaluate(PresentedTokens input, NormalizedIntent intent, String intentDigest, String policyDigest, List<String> requiredScopes,
                           Instant now) {
        if (input == null || input.tokens().isEmpty()) {
            return new Result(false, List.of("delegation_token_missing"), "", List.of());
        }
        List<Link> links = links(intent.delegation());
        boolean[] used = new boolean[input.tokens().size()];
        List<Entry> entries = new ArrayList<>();
        Set<String> validIds = new TreeSet<>();
        List<Link> uncovered = new ArrayList<>();
        for (Link link : links) {
            int match = -1;
            for (int i = 0; i < used.length && match < 0; i++) {
                if (!used[i] && check(input.tokens().get(i), link, input.verifyKeys(), intentDigest, policyDigest, requiredScopes, now).isEmpty()) {
                    match = i;
                }
            }
            if (match < 0) {
                uncovered.add(link);
                entries.add(new Entry("", link.delegator(), link.delegate(), List.of(), "", "delegation_token_missing"));
            } else {
                used[match] = true;
                JsonObject token = input.tokens().get(match);
                validIds.add(RuleMatcher.text(token, "token_id"));
                entries.add(entry(token, ""));
            }
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                Link closest = closestLink(input.tokens().get(i), uncovered, links);
                String error = check(input.tokens().get(i), closest, input.verifyKeys(), intentDigest, policyDigest, requiredScopes, now);
                entries.add(entry(input.tokens().get(i), error.isEmpty() ? "delegation_token_chain_mismatch" : error));
            }
        }
        if (uncovered.isEmpty()) {
            return new Result(true, List.of("delegation_granted"), String.join(",", validIds), entries);
        }
        List<String> reasons = new ArrayList<>();
        entries.stream().filter(e -> !e.valid()).forEach(e -> reasons.add(e.errorCode()));
        reasons.add("delegation_chain_insufficient");
        return new Result(false, reasons, "", entries);
    }

    /**
     * The link an unused token was most likely meant for, so its error says why it did not fit: an
     * uncovered link to the same delegate, else the first uncovered link, else the first link.
     */
    private static Link closestLink(JsonObject token, List<Link> uncovered, List<Link> links) {
        String delegate = RuleMatcher.text(token, "delegate_identity");
        return uncovered.stream().filter(l -> l.delegate().equals(delegate)).findFirst()
                .orElse(uncovered.isEmpty() ? links.getFirst() : uncovered.getFirst());
    }

    /** The intent's chain, or one link "anyone delegated to the requester" when it has none. */
    private static List<Link> links(JsonObject delegation) {
        List<Link> links = new ArrayList<>();
        for (JsonValue value : delegation == null ? List.<JsonValue>of() : delegation.array("chain").orElse(JsonArray.EMPTY).elements()) {
            JsonObject link = (JsonObject) value;
            links.add(new Link(RuleMatcher.text(link, "delegator_identity"), RuleMatcher.text(link, "delegate_identity")));
        }
        if (links.isEmpty()) {
            links.add(new Link("", RuleMatcher.text(delegation, "requester_identity")));
        }
        return links;
    }

    /**
     * The first reason the token itself is not valid now (shape, signature, expiry), or empty; what
     * {@code gait delegate verify} reports and the first part of every link check.
     */
    public static String tokenError(JsonObject token, List<byte[]> keys, Instant now) {
        if (!SignedTokens.isToken(token, TOKEN_SCHEMA_ID) || RuleMatcher.text(token, "token_id").isEmpty()
                || RuleMatcher.text(token, "delegator_identity").isEmpty() || RuleMatcher.text(token, "delegate_identity").isEmpty()
                || SignedTokens.scope(RuleMatcher.strings(token, "scope")).isEmpty()
                || SignedTokens.instant(RuleMatcher.text(token, "expires_at")) == null) {
            return "delegation_token_invalid";
        }
        switch (SignedTokens.signature(token, keys)) {
            case MISSING -> {
                return "delegation_token_signature_missing";
            }
            case INVALID -> {
                return "delegation_token_signature_invalid";
            }
            case VERIFIED -> { }
        }
        if (!now.isBefore(SignedTokens.instant(RuleMatcher.text(token, "expires_at")))) {
            return "delegation_token_expired";
        }
        return "";
    }

    /** The first reason the token does not cover the link, or empty. */
    private static String check(JsonObject token, Link link, List<byte[]> keys, String intentDigest, String policyDigest,
                                List<String> requiredScopes, Instant now) {
        String tokenError = tokenError(token, keys, now);
        if (!tokenError.isEmpty()) {
            return tokenError;
        }
        if (!link.delegator().isEmpty() && !link.delegator().equals(RuleMatcher.text(token, "delegator_identity"))) {
            return "delegation_token_delegator_mismatch";
        }
        if (!link.delegate().equals(RuleMatcher.text(token, "delegate_identity"))) {
            return "delegation_token_delegate_mismatch";
        }
        String tokenIntent = RuleMatcher.text(token, "intent_digest");
        if (!tokenIntent.isEmpty() && !tokenIntent.equals(intentDigest)) {
            return "delegation_token_intent_mismatch";
        }
        String tokenPolicy = RuleMatcher.text(token, "policy_digest");
        if (!tokenPolicy.isEmpty() && !tokenPolicy.equals(policyDigest)) {
            return "delegation_token_policy_mismatch";
        }
        if (!requiredScopes.isEmpty()) {
            Set<String> scope = new TreeSet<>(SignedTokens.scope(RuleMatcher.strings(token, "scope")));
            scope.addAll(SignedTokens.scope(List.of(RuleMatcher.text(token, "scope_class"))));
            if (!scope.contains("*") && requiredScopes.stream().noneMatch(scope::contains)) {
                return "delegation_token_scope_mismatch";
            }
        }
        return "";
    }

    private static Entry entry(JsonObject token, String error) {
        JsonObject json = token == null ? JsonObject.EMPTY : token;
        return new Entry(RuleMatcher.text(json, "token_id"), RuleMatcher.text(json, "delegator_identity"),
                RuleMatcher.text(json, "delegate_identity"), SignedTokens.scope(RuleMatcher.strings(json, "scope")),
                RuleMatcher.text(json, "expires_at"), error);
    }
}
