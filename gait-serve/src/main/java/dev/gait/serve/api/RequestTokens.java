package dev.gait.serve.api;

import dev.gait.core.error.GaitException;
import dev.gait.core.gate.PresentedTokens;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.serve.Decider;
import java.util.List;

/**
 * The approval and delegation tokens a request carries in its {@code approval_tokens} and
 * {@code delegation_tokens} members (arrays of token documents, what {@code gate eval
 * --approval-token} and {@code --delegation-token} read from files). The members are taken out of
 * the object they sit in, so they never become part of the intent.
 */
final class RequestTokens {
    static final String APPROVALS = "approval_tokens";
    static final String DELEGATIONS = "delegation_tokens";

    private RequestTokens() {}

    /** An object without its token members, and the tokens they carried. */
    record Taken(JsonObject rest, Decider.Tokens tokens) {}

    static Taken take(JsonObject object, String where) {
        if (!object.has(APPROVALS) && !object.has(DELEGATIONS)) {
            return new Taken(object, Decider.Tokens.NONE);
        }
        return new Taken(object.without(APPROVALS).without(DELEGATIONS),
                new Decider.Tokens(tokens(object, APPROVALS, where), tokens(object, DELEGATIONS, where)));
    }

    /** The member's tokens; an element that is not an object is presented as an invalid token. */
    private static List<JsonObject> tokens(JsonObject object, String member, String where) {
        if (!object.has(member)) {
            return List.of();
        }
        JsonArray array = object.array(member)
                .orElseThrow(() -> GaitException.invalidInput(where + member + " must be an array of token documents"));
        return array.elements().stream().map(PresentedTokens::token).toList();
    }
}
