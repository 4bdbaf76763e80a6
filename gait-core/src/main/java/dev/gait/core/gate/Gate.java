package dev.gait.core.gate;

import dev.gait.core.canon.GoTime;
import dev.gait.core.context.ContextEnvelope;
import dev.gait.core.digest.Ids;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.Signer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision path at the tool boundary, shared by every surface (CLI, sidecar, MCP proxy):
 * normalise and prepare the intent, evaluate the policy, apply rate limits and destructive budgets,
 * check the approval tokens of a {@code require_approval} verdict, fail closed on controls this
 * build cannot satisfy yet (brokered credentials, delegation tokens), apply simulate mode, and
 * produce the signed trace.
 */
public final class Gate {

    private Gate() {}

    /**
     * @param envelope the verified context evidence, or null: without it, context claims in the
     *                 intent are not trusted and are removed
     * @param inventory the Wrkr tool inventory that enriches the context, or null
     * @param killSwitch the kill-switch state, or null when none is configured
     * @param approvedScripts the verified approved-script registry, or null when none is configured
     *                        or it failed verification (the fast path is then off)
     * @param delegations the delegation tokens presented, with their verify keys
     * @param approvals the approval tokens presented, with their verify keys
     * @param broker the credential broker and least-privilege setting
     * @param evaluationTime the time freeze windows and agent expiry are judged at (rate limits and
     *                       the trace's observation time always use the clock)
     * @param rateLimitState the shared budget state file
     * @param signer signs the trace
     */
    public record Request(Policy policy, JsonObject intent, ContextEnvelope envelope, WrkrInventory inventory, KillSwitchInput killSwitch,
                          ApprovedScripts.Verified approvedScripts, PresentedTokens delegations, PresentedTokens approvals, BrokerStage.Input broker, boolean simulate,
                          java.time.Instant evaluationTime, Path rateLimitState, Clock clock, Signer signer, String correlationId) {}

    /** Kill-switch state as configured: loaded, or unavailable (which blocks). */
    public record KillSwitchInput(KillSwitch state, String unavailableReason) {
        public static KillSwitchInput loaded(KillSwitch state) {
            return new KillSwitchInput(state, "");
        }

        public static KillSwitchInput unavailable(String reason) {
            return new KillSwitchInput(null, reason);
        }
    }

    /**
     * Everything a surface reports about one decision; {@link #trace()} is the signed trace record
     * and {@link #approval()} the approval check (null when the verdict did not require approval),
     * {@link #delegation()} the delegation check (null when no deciding rule required delegation).
     */
    public record Outcome(NormalizedIntent intent, Decision decision, Verdict verdict, List<String> reasonCodes,
                          List<String> violations, String intentDigest, String policyDigest, String traceId, JsonObject trace,
                          boolean wouldHaveBlocked, Verdict simulatedVerdict, List<String> simulatedReasonCodes,
                          RateLimiter.Usage rateLimit, RateLimiter.Usage destructiveBudget, JsonObject killSwitch,
                          DelegationCheck.Result delegation, ApprovalCheck.Result approval, BrokerStage.Result broker) {

        /**
         * The envelope every record about this decision starts with: schema, version, the trace's
         * {@code created_at}, producer version, trace id and tool name.
         */
        public JsonObject.Builder recordHeader(String schemaId) {
            return JsonObject.builder()
                    .put("schema_id", schemaId)
                    .put("schema_version", "1.0.0")
                    .put("created_at", trace.get("created_at").orElseThrow())
                    .put("producer_version", dev.gait.core.version.GaitVersion.current())
                    .put("trace_id", traceId)
                    .put("tool_name", intent.toolName());
        }

        /** block exits 3 and require_approval 4, except in simulate mode, which never blocks. */
        public int exitCode() {
            return verdict.exitCode().code();
        }
    }

    public static Outcome evaluate(Request request) {
        long started = System.nanoTime();
        NormalizedIntent normalized = IntentNormalizer.normalize(request.intent());
        JsonObject context = withoutContextClaims(normalized.context());
        Decision bindingFailure = null;
        if (request.envelope() != null) {
            String mismatch = ContextBinding.mismatch(normalized.context(), request.envelope());
            if (mismatch.isEmpty()) {
                context = ContextBinding.bind(context, request.envelope(), request.evaluationTime());
            } else {
                bindingFailure = ContextBinding.failure(request.policy(), normalized.context(), mismatch);
            }
        }
        if (request.inventory() != null && !normalized.isScript()) {
            context = request.inventory().enrich(context, normalized.toolName());
        }
        NormalizedIntent intent = normalized.withContext(context);
        String intentDigest = intent.intentDigest();
        String policyDigest = request.policy().digest();
        JsonObject scriptApproval = null;
        JsonObject preApproved = null;
        if (bindingFailure == null && request.approvedScripts() != null && !ApprovedScripts.requiresContext(request.policy())) {
            preApproved = intent.isScript() ? request.approvedScripts().match(intent, policyDigest, request.clock().instant()) : null;
            scriptApproval = preApproved != null
                    ? JsonObject.builder().put("pre_approved", true).put("pattern_id", preApproved.get("pattern_id").orElseThrow()).build()
                    : JsonObject.builder().put("registry_reason", intent.isScript() ? "approved_script_not_found" : "approved_script_not_script").build();
        }
        Decision decision = bindingFailure != null ? bindingFailure
                : preApproved != null ? Decision.preApproved(intent)
                : PolicyEvaluator.evaluate(request.policy(), intent, request.evaluationTime(), request.inventory());

        Verdict verdict = decision.verdict();
        List<String> reasons = new ArrayList<>(decision.reasonCodes());
        List<String> violations = new ArrayList<>(decision.violations());
        JsonObject killSwitch = null;
        if (request.killSwitch() != null) {
            if (request.killSwitch().state() == null) {
                verdict = Verdict.BLOCK;
                reasons.add("kill_switch_state_unavailable");
                killSwitch = JsonObject.builder().put("status", "unavailable").put("reason_code", "kill_switch_state_unavailable").build();
            } else {
                KillSwitch.Match match = request.killSwitch().state().match(intent, request.evaluationTime());
                killSwitch = match.toJson(request.evaluationTime());
                if (match.active()) {
                    verdict = Verdict.BLOCK;
                    reasons.addAll(match.reasonCodes());
                    violations.add("kill_switch_active");
                }
            }
        }
        String identity = RuleMatcher.text(intent.context(), "identity");

        RateLimiter.Usage rate = null;
        if (decision.rateLimit() != null) {
            rate = RateLimiter.consume(request.rateLimitState(), decision.rateLimit(), "rate_limit", intent.toolName(), identity,
                    request.clock());
            if (!rate.allowed()) {
                verdict = Verdict.BLOCK;
                reasons.add("rate_limit_exceeded");
            }
        }
        RateLimiter.Usage budget = null;
        if (decision.destructiveBudget() != null && hasDestructiveTarget(intent)) {
            budget = RateLimiter.consume(request.rateLimitState(), decision.destructiveBudget(),
                    "destructive_budget", intent.toolName(), identity, request.clock());
            if (!budget.allowed()) {
                verdict = Verdict.BLOCK;
                reasons.add("destructive_budget_exceeded");
            }
        }
        DelegationCheck.Result delegation = null;
        if (decision.requireDelegation()) {
            delegation = DelegationCheck.evaluate(request.delegations(), intent, intentDigest, policyDigest, decision.delegationScopes(),
                    request.clock().instant());
            reasons.addAll(delegation.reasonCodes());
            if (!delegation.granted()) {
                verdict = Verdict.BLOCK;
                violations.add("delegation_not_granted");
            }
        }
        ApprovalCheck.Result approval = null;
        if (verdict == Verdict.REQUIRE_APPROVAL) {
            approval = ApprovalCheck.evaluate(request.approvals(), intent, intentDigest, policyDigest, decision,
                    request.clock().instant());
            reasons.addAll(approval.reasonCodes());
            if (approval.granted()) {
                verdict = Verdict.ALLOW;
            } else {
                violations.add("approval_not_granted");
            }
        }
        BrokerStage.Result broker = null;
        if (verdict == Verdict.ALLOW) {
            broker = BrokerStage.apply(request.broker(), intent, decision, request.clock().instant());
            reasons.addAll(broker.reasonCodes());
            violations.addAll(broker.violations());
            if (broker.blocks()) {
                verdict = Verdict.BLOCK;
            }
        }

        boolean wouldHaveBlocked = false;
        Verdict simulatedVerdict = null;
        List<String> simulatedReasons = List.of();
        if (request.simulate()) {
            simulatedVerdict = verdict;
            simulatedReasons = Decision.sorted(reasons);
            reasons.add("simulate_mode_non_enforcing");
            if (verdict == Verdict.BLOCK || verdict == Verdict.REQUIRE_APPROVAL) {
                wouldHaveBlocked = true;
                reasons.add("simulated_" + verdict.wire());
                violations.clear();
                verdict = Verdict.ALLOW;
            }
        }
        List<String> finalReasons = Decision.sorted(reasons);
        List<String> finalViolations = Decision.sorted(violations);
        String traceId = Ids.h12(policyDigest + ":" + intentDigest + ":" + verdict.wire());
        JsonObject trace = GateTrace.build(new GateTrace.Facts(intent, decision, verdict, finalViolations, intentDigest, policyDigest,
                traceId, createdAt(request.intent()), request.clock().instant(), request.correlationId(),
                (System.nanoTime() - started) / 1e6, killSwitch, approval == null ? "" : approval.approvalRef(),
                broker == null ? null : broker.credential(), delegation == null ? null : delegationRef(intent, delegation), scriptApproval), request.signer());
        return new Outcome(intent, decision, verdict, finalReasons, finalViolations, intentDigest, policyDigest, traceId, trace,
                wouldHaveBlocked, simulatedVerdict, simulatedReasons, rate, budget, killSwitch, delegation, approval, broker);
    }

    /**
     * Without a verified context envelope, context evidence claimed by the caller is not trusted:
     * the claims are removed before digesting and evaluating.
     */
    static JsonObject withoutContextClaims(JsonObject context) {
        JsonObject.Builder out = context.toBuilder().remove("context_set_digest").remove("context_evidence_mode").remove("context_refs");
        context.object("auth_context").ifPresent(auth -> {
            JsonObject stripped = auth.without("context_age_seconds");
            if (stripped.isEmpty()) {
                out.remove("auth_context");
            } else {
                out.put("auth_context", stripped);
            }
        });
        return out.build();
    }

    /** The trace's {@code delegation_ref}: which tokens covered which chain. */
    private static JsonObject delegationRef(NormalizedIntent intent, DelegationCheck.Result delegation) {
        JsonObject chain = intent.delegation();
        String tokenRef = delegation.delegationRef().isEmpty() && chain != null
                ? RuleMatcher.strings(chain, "token_refs").stream().findFirst().orElse("") : delegation.delegationRef();
        return JsonObject.builder()
                .putOmitEmpty("delegation_token_ref", tokenRef)
                .putOmitEmpty("requester_identity", RuleMatcher.text(chain, "requester_identity"))
                .put("delegation_depth", chain == null ? 0 : chain.array("chain").map(a -> a.elements().size()).orElse(0))
                .putOmitEmpty("scope_class", RuleMatcher.text(chain, "scope_class"))
                .putOmitEmpty("chain_digest", chain == null ? "" : dev.gait.core.digest.Digests.jcsHex(chain))
                .putStringsOmitEmpty("reason_codes", Decision.sorted(delegation.reasonCodes()))
                .build();
    }

    /** A destructive target anywhere: among the intent's targets or, for a script, any step's. */
    static boolean hasDestructiveTarget(NormalizedIntent intent) {
        return intent.targets().stream().anyMatch(Target::destructive)
                || intent.steps().stream().anyMatch(s -> s.targets().stream().anyMatch(Target::destructive));
    }

    /** The intent's {@code created_at}, or Gait's fixed 1980-01-01 when it has none. */
    private static OffsetDateTime createdAt(JsonObject intent) {
        String text = RuleMatcher.text(intent, "created_at");
        if (!text.isBlank()) {
            try {
                return GoTime.parse(text.strip());
            } catch (IllegalArgumentException e) {
                throw IntentFields.invalid("created_at: " + e.getMessage());
            }
        }
        return OffsetDateTime.of(1980, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC);
    }

}
