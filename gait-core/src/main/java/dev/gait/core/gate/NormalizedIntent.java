package dev.gait.core.gate;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.util.List;

/**
 * An intent after normalisation. {@link #digestForm()} is exactly what Gait hashes into
 * {@code intent_digest}; the other members are the parts evaluation reads.
 *
 * @param script the normalised script ({@code {"steps":[…]}}), or null for a single tool call
 * @param steps the normalised steps of a script (empty for a single tool call)
 * @param relationship the normalised relationship envelope (trace linkage, not digested), or null
 */
public record NormalizedIntent(
        String toolName, JsonObject args, List<Target> targets, List<JsonObject> argProvenance,
        JsonObject skillProvenance, JsonObject delegation, JsonObject context, JsonObject script,
        List<NormalizedIntent> steps, JsonObject relationship) {

    public NormalizedIntent {
        targets = List.copyOf(targets);
        argProvenance = List.copyOf(argProvenance);
        steps = List.copyOf(steps);
    }

    public boolean isScript() {
        return script != null;
    }

    public String argsDigest() {
        return Digests.jcsHex(args);
    }

    public String scriptHash() {
        return script == null ? "" : Digests.jcsHex(script);
    }

    public JsonObject digestForm() {
        return JsonObject.builder()
                .put("tool_name", toolName)
                .put("args", args)
                .putOmitEmpty("script_hash", scriptHash())
                .putOmitEmpty("script", script)
                .put("targets", targetsJson(targets))
                .putOmitEmpty("arg_provenance", new JsonArray(List.<JsonValue>copyOf(argProvenance)))
                .putOmitEmpty("skill_provenance", skillProvenance)
                .putOmitEmpty("delegation", delegation)
                .put("context", context)
                .build();
    }

    public String intentDigest() {
        return Digests.jcsHex(digestForm());
    }

    /** The same intent with another context (the gate strips or replaces context claims before digesting). */
    public NormalizedIntent withContext(JsonObject newContext) {
        return new NormalizedIntent(toolName, args, targets, argProvenance, skillProvenance, delegation, newContext, script,
                steps, relationship);
    }

    static JsonArray targetsJson(List<Target> targets) {
        return new JsonArray(targets.stream().<JsonValue>map(Target::toJson).toList());
    }
}
