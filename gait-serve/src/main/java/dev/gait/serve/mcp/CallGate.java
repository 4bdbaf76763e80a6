package dev.gait.serve.mcp;

import dev.gait.core.gate.Gate;
import dev.gait.core.gate.Verdict;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonObject;
import dev.gait.serve.Decider;
import java.io.PrintStream;
import java.util.List;

/**
 * Decides each {@code tools/call} through the sidecar's {@link Decider} (the core gate, a signed
 * trace per call) before it may reach the upstream server. Only {@code allow} is forwarded; every
 * other verdict, and every failure to decide, is answered by the proxy itself.
 */
public final class CallGate {
    /** The JSON-RPC method that runs a tool. */
    public static final String TOOLS_CALL = "tools/call";
    /** The {@code _meta} key of the decision in a refused call's result. */
    public static final String META_KEY = "dev.gait/gate";

    /** What to do with a call: forward its original bytes, or answer the client with {@code response}. */
    public record Ruling(boolean forward, byte[] response) {
        public static final Ruling FORWARD = new Ruling(true, null);
    }

    private final Decider decider;
    private final CallContext context;
    private final CallPacks packs;
    private final PrintStream log;

    /** @param packs writes a runpack per decided call, or null for none */
    public CallGate(Decider decider, CallContext context, CallPacks packs, PrintStream log) {
        this.decider = decider;
        this.context = context;
        this.packs = packs;
        this.log = log;
    }

    /**
     * @param catalog the tools the server listed in this session
     * @param clientName the MCP client's name from its {@code initialize} request (may be empty)
     * @param sessionId the MCP session id (may be empty)
     */
    public Ruling decide(JsonRpcMessage call, ToolCatalog catalog, String clientName, String sessionId) {
        String tool;
        Decider.Decided decided;
        try {
            tool = ToolCallIntent.toolName(call.params());
            decided = decider.decide(ToolCallIntent.map(call.params(), catalog.annotations(tool), context.toJson(clientName, sessionId)),
                    Decider.Tokens.NONE, "mcp");
        } catch (ToolCallIntent.InvalidCall e) {
            return answer(JsonRpcMessage.error(call.rawId(), JsonRpcMessage.INVALID_PARAMS, "gait: " + e.getMessage()));
        } catch (RuntimeException e) {
            log.println("gait mcp: could not decide a tools/call, not forwarded: " + e.getMessage());
            return answer(JsonRpcMessage.error(call.rawId(), JsonRpcMessage.INTERNAL_ERROR,
                    "gait: could not decide the tool call, not forwarded: " + e.getMessage()));
        }
        Verdict verdict = decided.outcome().verdict();
        String packPath = "";
        if (packs != null) {
            try {
                packPath = packs.write(decided.outcome(), verdict == Verdict.ALLOW).toString();
            } catch (RuntimeException e) {
                log.println("gait mcp: could not write the runpack of " + tool + ", not forwarded: " + e.getMessage());
                return answer(JsonRpcMessage.error(call.rawId(), JsonRpcMessage.INTERNAL_ERROR,
                        "gait: could not record the tool call, not forwarded: " + e.getMessage()));
            }
        }
        log.println("gait mcp: " + verdict.wire() + " " + tool + " trace " + decided.outcome().traceId()
                + (packPath.isEmpty() ? "" : " pack " + packPath));
        if (verdict == Verdict.ALLOW) {
            return Ruling.FORWARD;
        }
        return answer(JsonRpcMessage.result(call.rawId(), refusal(tool, decided, packPath)));
    }

    /** A {@code CallToolResult} saying why the call did not run; an error result unless it was a dry run. */
    static JsonObject refusal(String tool, Decider.Decided decided, String packPath) {
        Gate.Outcome outcome = decided.outcome();
        List<String> reasons = outcome.reasonCodes();
        String text = "gait: " + describe(outcome.verdict(), tool) + ": "
                + (reasons.isEmpty() ? outcome.verdict().wire() : String.join(", ", reasons)) + " (trace " + outcome.traceId() + ")";
        JsonObject meta = JsonObject.builder()
                .put("verdict", outcome.verdict().wire())
                .putStrings("reason_codes", reasons)
                .put("trace_id", outcome.traceId())
                .put("trace_path", decided.result().string("trace_path").orElse(""))
                .put("policy_digest", outcome.policyDigest())
                .put("intent_digest", outcome.intentDigest())
                .putOmitEmpty("pack_path", packPath)
                .build();
        return JsonObject.builder()
                .put("content", new JsonArray(List.of(JsonObject.builder().put("type", "text").put("text", text).build())))
                .put("isError", outcome.verdict() == Verdict.DRY_RUN ? JsonBoolean.FALSE : JsonBoolean.TRUE)
                .put("_meta", JsonObject.builder().put(META_KEY, meta).build())
                .build();
    }

    private static String describe(Verdict verdict, String tool) {
        return switch (verdict) {
            case BLOCK -> "blocked " + tool;
            case REQUIRE_APPROVAL -> "approval required for " + tool;
            case DRY_RUN -> "dry run of " + tool + ", not executed";
            case ALLOW -> "allowed " + tool;
        };
    }

    private static Ruling answer(byte[] response) {
        return new Ruling(false, response);
    }
}
