package dev.gait.serve.api;

import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import java.util.List;

/**
 * Maps one AuthZEN access evaluation onto a gate intent: the action's name is the tool, the
 * resource is the target (its type the target kind, its id the value, its properties the other
 * target fields), the subject's id is {@code context.identity}, and the subject's properties and
 * the AuthZEN context become gate context members (the context wins). The action's properties
 * may carry {@code args} and {@code arg_provenance}.
 */
final class AuthzenIntent {

    private AuthzenIntent() {}

    static JsonObject from(JsonObject evaluation) {
        JsonObject subject = entity(evaluation, "subject");
        JsonObject action = entity(evaluation, "action");
        JsonObject resource = entity(evaluation, "resource");
        String identity = text(subject, "subject", "id");
        text(subject, "subject", "type");
        JsonObject actionProperties = properties(action, "action");

        JsonObject.Builder context = JsonObject.builder();
        properties(subject, "subject").members().forEach(context::put);
        if (evaluation.has("context")) {
            evaluation.object("context").orElseThrow(() -> invalid("context must be an object")).members().forEach(context::put);
        }
        context.put("identity", identity);

        JsonObject.Builder target = JsonObject.builder();
        properties(resource, "resource").members().forEach(target::put);
        target.put("kind", text(resource, "resource", "type")).put("value", text(resource, "resource", "id"));

        JsonObject.Builder intent = JsonObject.builder()
                .put("tool_name", text(action, "action", "name"))
                .put("args", actionProperties.has("args")
                        ? actionProperties.object("args").orElseThrow(() -> invalid("action.properties.args must be an object"))
                        : JsonObject.EMPTY)
                .put("targets", new JsonArray(List.of(target.build())))
                .put("context", context.build());
        actionProperties.get("arg_provenance").ifPresent(provenance -> intent.put("arg_provenance", provenance));
        return intent.build();
    }

    private static JsonObject entity(JsonObject evaluation, String name) {
        return evaluation.object(name).orElseThrow(() -> invalid(name + " is required and must be an object"));
    }

    private static JsonObject properties(JsonObject entity, String name) {
        if (!entity.has("properties")) {
            return JsonObject.EMPTY;
        }
        return entity.object("properties").orElseThrow(() -> invalid(name + ".properties must be an object"));
    }

    private static String text(JsonObject entity, String name, String member) {
        if (entity.get(member).orElse(null) instanceof JsonString(String value) && !value.isBlank()) {
            return value;
        }
        throw invalid(name + "." + member + " is required and must be a non-empty string");
    }

    static GaitException invalid(String message) {
        return GaitException.invalidInput("AuthZEN request: " + message);
    }
}
