package dev.gait.serve.api;

import dev.gait.core.error.ExitCode;
import dev.gait.core.error.GaitException;
import dev.gait.core.gate.Gate;
import dev.gait.core.gate.Verdict;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.serve.Decider;
import dev.gait.serve.SidecarMetrics;
import dev.gait.serve.http.ErrorFormat;
import dev.gait.serve.http.HttpCall;
import dev.gait.serve.http.HttpError;
import dev.gait.serve.http.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenID AuthZEN Authorization API 1.0 evaluation endpoints over the gate: {@code decision} is
 * true only for {@code allow}; every other verdict, and every error, is {@code decision: false}
 * with the reason in {@code context}.
 */
public final class AuthzenApi {
    public static final String EVALUATION = "/access/v1/evaluation";
    public static final String EVALUATIONS = "/access/v1/evaluations";
    public static final String CONFIGURATION = "/.well-known/authzen-configuration";

    /** Errors: {@code decision: false} with the status and message in {@code context.error}. */
    public static final ErrorFormat ERRORS = (error, message) -> Reply.json(error.status(), denied(error.status(), message));

    private static final Set<String> SEMANTICS = Set.of("execute_all", "deny_on_first_deny", "permit_on_first_permit");
    private static final Set<String> ENTITIES = Set.of("subject", "action", "resource", "context");

    private final Decider decider;
    private final SidecarMetrics metrics;

    public AuthzenApi(Decider decider, SidecarMetrics metrics) {
        this.decider = decider;
        this.metrics = metrics;
    }

    public Reply evaluation(HttpCall call) {
        return Reply.json(200, decide(JsonReader.lenient().readObject(call.body())));
    }

    /**
     * A batch: top-level subject, action, resource and context are defaults each item may replace;
     * {@code options.evaluations_semantic} may stop at the first deny or the first permit. Without
     * items it is a single evaluation. An item that cannot be decided is a denied item with its
     * error; the others are still decided.
     */
    public Reply evaluations(HttpCall call) {
        JsonObject request = JsonReader.lenient().readObject(call.body());
        String semantic = semantic(request);
        List<JsonValue> items = request.has("evaluations")
                ? request.array("evaluations").orElseThrow(() -> AuthzenIntent.invalid("evaluations must be an array")).elements() : List.of();
        if (items.isEmpty()) {
            return Reply.json(200, decide(request));
        }
        List<JsonValue> results = new ArrayList<>();
        for (JsonValue item : items) {
            if (!(item instanceof JsonObject itemObject)) {
                throw AuthzenIntent.invalid("every evaluations item must be an object");
            }
            JsonObject result = decideItem(withDefaults(request, itemObject));
            results.add(result);
            boolean permitted = result.get("decision").orElseThrow().equals(JsonBoolean.TRUE);
            if (semantic.equals("deny_on_first_deny") && !permitted || semantic.equals("permit_on_first_permit") && permitted) {
                break;
            }
        }
        return Reply.json(200, JsonObject.builder().put("evaluations", new JsonArray(results)).build());
    }

    /** {@code GET /.well-known/authzen-configuration}: the PDP's metadata, addressed as the caller addressed it. */
    public Reply configuration(HttpCall call) {
        return Reply.json(200, JsonObject.builder()
                .put("policy_decision_point", call.baseUrl())
                .put("access_evaluation_endpoint", call.baseUrl() + EVALUATION)
                .put("access_evaluations_endpoint", call.baseUrl() + EVALUATIONS)
                .build());
    }

    private JsonObject decide(JsonObject evaluation) {
        // tokens travel in the AuthZEN context and are presented to the gate, never mapped into the intent
        Optional<JsonObject> context = evaluation.object("context");
        RequestTokens.Taken taken = RequestTokens.take(context.orElse(JsonObject.EMPTY), "AuthZEN request: context.");
        JsonObject mapped = context.isPresent() ? evaluation.toBuilder().put("context", taken.rest()).build() : evaluation;
        Decider.Decided decided = decider.decide(AuthzenIntent.from(mapped), taken.tokens(), "authzen");
        return response(decided.outcome());
    }

    private JsonObject decideItem(JsonObject evaluation) {
        try {
            return decide(evaluation);
        } catch (GaitException | JsonException e) {
            metrics.undecided("authzen");
            boolean badInput = !(e instanceof GaitException gait) || gait.category().exitCode() == ExitCode.INVALID_INPUT;
            return denied(badInput ? HttpError.BAD_REQUEST.status() : HttpError.INTERNAL.status(), e.getMessage());
        }
    }

    private static JsonObject withDefaults(JsonObject request, JsonObject item) {
        JsonObject.Builder merged = JsonObject.builder();
        for (String entity : ENTITIES) {
            item.get(entity).or(() -> request.get(entity)).ifPresent(value -> merged.put(entity, value));
        }
        return merged.build();
    }

    private static String semantic(JsonObject request) {
        JsonObject options = request.has("options")
                ? request.object("options").orElseThrow(() -> AuthzenIntent.invalid("options must be an object")) : JsonObject.EMPTY;
        String semantic = options.has("evaluations_semantic")
                ? options.string("evaluations_semantic").orElseThrow(() -> AuthzenIntent.invalid("options.evaluations_semantic must be a string"))
                : "execute_all";
        if (!SEMANTICS.contains(semantic)) {
            throw AuthzenIntent.invalid("options.evaluations_semantic must be one of execute_all, deny_on_first_deny, permit_on_first_permit");
        }
        return semantic;
    }

    /** The AuthZEN decision for a gate outcome, with the verdict, reasons and trace in {@code context}. */
    static JsonObject response(Gate.Outcome outcome) {
        Verdict verdict = outcome.verdict();
        JsonObject.Builder context = JsonObject.builder()
                .put("verdict", verdict.wire())
                .putStrings("reason_codes", outcome.reasonCodes())
                .putStringsOmitEmpty("violations", outcome.violations())
                .put("trace_id", outcome.traceId())
                .put("policy_digest", outcome.policyDigest())
                .put("intent_digest", outcome.intentDigest());
        if (verdict == Verdict.REQUIRE_APPROVAL) {
            context.put("reason", "the policy requires approval before this tool call runs")
                    .putOmitEmpty("required_approvals", outcome.decision().minApprovals())
                    .put("next_step", "ask an approver for an approval token (gait approve --intent-digest " + outcome.intentDigest()
                            + " --policy-digest " + outcome.policyDigest() + " --scope tool:" + outcome.intent().toolName()
                            + " ...), then present it in context.approval_tokens");
        } else if (verdict == Verdict.DRY_RUN) {
            context.put("reason", "the policy allows this tool call only as a dry run");
        }
        return JsonObject.builder().put("decision", verdict == Verdict.ALLOW).put("context", context.build()).build();
    }

    private static JsonObject denied(int status, String message) {
        return JsonObject.builder()
                .put("decision", false)
                .put("context", JsonObject.builder()
                        .put("error", JsonObject.builder().put("status", status).put("message", message).build())
                        .build())
                .build();
    }
}
