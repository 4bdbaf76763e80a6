package dev.gait.core.reduce;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The receipt ids payloads refer to, as Gait v1 finds them: a non-blank string under a key that
 * contains {@code ref} (any case), or any string that starts with {@code ref_}, at any depth.
 */
final class ReferencedRefIds {

    private ReferencedRefIds() {}

    static Set<String> in(List<JsonObject> payloads) {
        Set<String> ids = new HashSet<>();
        payloads.forEach(payload -> collect(payload, ids));
        return ids;
    }

    private static void collect(JsonValue value, Set<String> ids) {
        switch (value) {
            case JsonObject object -> object.members().forEach((key, nested) -> {
                if (GoStrings.trimSpace(key).toLowerCase(Locale.ROOT).contains("ref") && nested instanceof JsonString text
                        && !GoStrings.trimSpace(text.value()).isEmpty()) {
                    ids.add(GoStrings.trimSpace(text.value()));
                }
                collect(nested, ids);
            });
            case JsonArray array -> array.elements().forEach(element -> collect(element, ids));
            case JsonString text when text.value().startsWith("ref_") -> ids.add(text.value());
            default -> { }
        }
    }
}
