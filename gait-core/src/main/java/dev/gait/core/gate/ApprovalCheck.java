package dev.gait.core.gate;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the approval tokens ({@code gait.gate.approval_token} 1.0.0) presented for a
 * {@code require_approval} verdict, in Gait v1's order: shape, signature, intent digest, policy
 * digest, delegation binding, expiry, scope, target and operation limits. The approval is granted
 * only when enough distinct tokens are valid, from as many distinct approvers when more than one is
 * required.
 */
public final class ApprovalCheck {
    public static final String TOKEN_SCHEMA_ID = "gait.gate.approval_token";

    private ApprovalCheck() {}

    /** One presented token and what the check found. */
    public record Entry(String tokenId, String approverIdentity, String reasonCode, List<String> scope, String expiresAt,
                        String errorCode) {
        public boolean valid() {
            return errorCode.isEmpty();
        }

        JsonObject toJson() {
            return JsonObject.builder()
                    .put("token_id", tokenId).put("approver_identity", approverIdentity).put("reason_code", reasonCode)
                    .putStrings("scope", scope).putOmitEmpty("expires_at", expiresAt).put("valid", valid())
                    .putOmitEmpty("error_code", errorCode)
                    .build();
        }
    }

    /** The approval outcome: granted, or the reason codes that say why not. */
    public record Result(boolean granted, List<String> reasonCodes, String approvalRef, long requiredApprovals, List<Entry> entries) {

        /** The approval audit record ({@code gait.gate.approval_audit_record} 1.0.0) of one decision. */
        public JsonObject auditRecord(Gate.Outcome outcome) {
            List<Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparing(Entry::tokenId).thenComparing(Entry::approverIdentity)
                    .thenComparing(Entry::reasonCode).thenComparing(Entry::expiresAt)
                    .thenComparing(e -> String.join(",", e.scope())));
            Set<String> approvers = new TreeSet<>();
            entries.stream().filter(Entry::valid).forEach(e -> approvers.add(e.approverIdentity()));
            return outcome.recordHeader("gait.gate.approval_audit_record")
                    .put("intent_digest", outcome.intentDigest())
                    .put("policy_digest", outcome.policyDigest())
                    .put("required_approvals", requiredApprovals)
                    .put("valid_approvals", (int) entries.stream().filter(Entry::valid).count())
                    .put("approved", granted)
                    .putStrings("approvers", List.copyOf(approvers))
                    .put("entries", new dev.gait.core.json.JsonArray(sorted.stream().map(e -> (JsonValue) e.toJson()).toList()))
                    .build();
        }
    }

    static Result evaluate(PresentedTokens input, NormalizedIntent intent, String intentDigest, String policyDigest, Decision decision,
                           Instant now) {
        long required = Math.max(1, decision.minApprovals());
        if (input == null || input.tokens().isEmpty()) {
            return new Result(false, List.of("approval_token_missing"), "", required, List.of());
        }
        List<String> reasons = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Set<String> validIds = new TreeSet<>();
        Set<String> approvers = new TreeSet<>();
        for (JsonObject token : input.tokens()) {
            Entry entry = check(token, input.verifyKeys(), intent, intentDigest, policyDigest, now);
            entries.add(entry);
            if (entry.valid()) {
                validIds.add(entry.tokenId());
                approvers.add(entry.approverIdentity());
            } else {
                reasons.add(entry.errorCode());
            }
        }
        // the same token presented twice (under two paths) is one approval
        long valid = validIds.size();
        if (valid < required) {
            reasons.add("approval_chain_insufficient");
        }
        // more than one approval always means more than one person (v1 skipped this for scripts)
        if (required > 1 && approvers.size() < required) {
            reasons.add("approval_distinct_approvers_required");
        }
        boolean granted = valid >= required && !reasons.contains("approval_distinct_approvers_required");
        if (granted) {
            reasons.add("approval_granted");
        }
        return new Result(granted, reasons, granted ? String.join(",", validIds) : "", required, entries);
    }

    private static Entry check(JsonObject token, List<byte[]> keys, NormalizedIntent intent, String intentDigest, String policyDigest,
                               Instant now) {
        if (!SignedTokens.isToken(token, TOKEN_SCHEMA_ID)) {
            return invalid(token, "approval_token_invalid");
        }
        List<String> scope = SignedTokens.scope(RuleMatcher.strings(token, "scope"));
        Instant expiresAt = SignedTokens.instant(RuleMatcher.text(token, "expires_at"));
        if (RuleMatcher.text(token, "token_id").isEmpty() || RuleMatcher.text(token, "approver_identity").isEmpty()
                || !Digests.isSha256Hex(RuleMatcher.text(token, "intent_digest"))
                || !Digests.isSha256Hex(RuleMatcher.text(token, "policy_digest")) || scope.isEmpty() || expiresAt == null) {
            return invalid(token, "approval_token_invalid");
        }
        String code = switch (SignedTokens.signature(token, keys)) {
            case VERIFIED -> "";
            case MISSING -> "approval_token_signature_missing";
            case INVALID -> "approval_token_signature_invalid";
        };
        if (code.isEmpty() && !intentDigest.equals(RuleMatcher.text(token, "intent_digest"))) {
            code = "approval_token_intent_mismatch";
        }
        if (code.isEmpty() && !policyDigest.equals(RuleMatcher.text(token, "policy_digest"))) {
            code = "approval_token_policy_mismatch";
        }
        if (code.isEmpty() && intent.delegation() != null
                && !Digests.jcsHex(intent.delegation()).equals(RuleMatcher.text(token, "delegation_binding_digest"))) {
            code = "approval_token_delegation_binding_mismatch";
        }
        if (code.isEmpty() && !now.isBefore(expiresAt)) {
            code = "approval_token_expired";
        }
        if (code.isEmpty() && !scope.contains("*") && !scope.containsAll(requiredScope(intent))) {
            code = "approval_token_scope_mismatch";
        }
        long maxTargets = RuleMatcher.number(token, "max_targets");
        if (code.isEmpty() && maxTargets > 0 && targetCount(intent) > maxTargets) {
            code = "approval_token_max_targets_exceeded";
        }
        long maxOps = RuleMatcher.number(token, "max_ops");
        if (code.isEmpty() && maxOps > 0 && operationCount(intent) > maxOps) {
            code = "approval_token_max_ops_exceeded";
        }
        return entry(token, scope, code);
    }

    /** {@code tool:<name>}, plus {@code phase:apply} and {@code destructive:apply} for destructive apply calls. */
    static List<String> requiredScope(NormalizedIntent intent) {
        List<String> required = new ArrayList<>(List.of("tool:" + intent.toolName()));
        if ("apply".equals(RuleMatcher.text(intent.context(), "phase")) && Gate.hasDestructiveTarget(intent)) {
            required.add("phase:apply");
            required.add("destructive:apply");
        }
        return required;
    }

    private static long targetCount(NormalizedIntent intent) {
        long stepTargets = intent.steps().stream().mapToLong(s -> s.targets().size()).sum();
        return stepTargets > 0 ? stepTargets : intent.targets().size();
    }

    private static long operationCount(NormalizedIntent intent) {
        long ops = !intent.steps().isEmpty() ? intent.steps().size() : intent.targets().size();
        return Math.max(1, ops);
    }

    private static Entry invalid(JsonObject token, String code) {
        return entry(token == null ? JsonObject.EMPTY : token, List.of(), code);
    }

    private static Entry entry(JsonObject token, List<String> scope, String code) {
        return new Entry(RuleMatcher.text(token, "token_id"), RuleMatcher.text(token, "approver_identity"),
                RuleMatcher.text(token, "reason_code"), scope, RuleMatcher.text(token, "expires_at"), code);
    }
}
