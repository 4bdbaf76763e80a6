package dev.gait.serve.api;

import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.serve.Decider;
import dev.gait.serve.http.ErrorFormat;
import dev.gait.serve.http.HttpCall;
import dev.gait.serve.http.Reply;

/**
 * {@code POST /v1/gate/evaluate}: the body is a {@code gait.gate.intent_request}, optionally with
 * the {@link RequestTokens tokens} {@code gate eval} reads from files beside the intent's members;
 * the answer is the document {@code gait gate eval --json} prints, with status 200 whatever the
 * verdict. An error is the CLI's error envelope with {@code verdict: block}.
 */
public final class NativeApi {
    public static final String PATH = "/v1/gate/evaluate";

    private final Decider decider;
    private final ErrorFormat errors;

    public NativeApi(Decider decider) {
        this.decider = decider;
        this.errors = (error, message) -> Reply.json(error.status(), JsonObject.builder()
                .put("ok", false)
                .put("verdict", "block")
                .put("error", message)
                .put("error_code", error.code())
                .put("retryable", error.retryable())
                .put("hint", error.hint())
                .put("correlation_id", decider.correlationId())
                .build());
    }

    public ErrorFormat errors() {
        return errors;
    }

    public Reply evaluate(HttpCall call) {
        RequestTokens.Taken request = RequestTokens.take(JsonReader.lenient().readObject(call.body()), "");
        Decider.Decided decided = decider.decide(request.rest(), request.tokens(), "native");
        return Reply.json(200, decided.result().toBuilder().put("ok", true).put("correlation_id", decider.correlationId()).build());
    }

}
