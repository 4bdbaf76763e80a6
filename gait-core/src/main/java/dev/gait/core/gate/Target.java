package dev.gait.core.gate;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.json.JsonObject;
import java.util.Comparator;

/** A normalised intent target: what a tool call touches, with its inferred endpoint class. */
public record Target(String kind, String value, String operation, String sensitivity, String endpointClass,
                     String endpointDomain, boolean destructive, String discoveryMethod, boolean readOnlyHint,
                     boolean destructiveHint, boolean idempotentHint, boolean openWorldHint) {

    /** Gait's order: every field in turn, {@code false} before {@code true}. */
    public static final Comparator<Target> ORDER = Comparator.comparing(Target::kind, GoStrings.BYTE_ORDER)
            .thenComparing(Target::value, GoStrings.BYTE_ORDER)
            .thenComparing(Target::operation, GoStrings.BYTE_ORDER)
            .thenComparing(Target::sensitivity, GoStrings.BYTE_ORDER)
            .thenComparing(Target::endpointClass, GoStrings.BYTE_ORDER)
            .thenComparing(Target::endpointDomain, GoStrings.BYTE_ORDER)
            .thenComparing(Target::destructive)
            .thenComparing(Target::discoveryMethod, GoStrings.BYTE_ORDER)
            .thenComparing(Target::readOnlyHint)
            .thenComparing(Target::destructiveHint)
            .thenComparing(Target::idempotentHint)
            .thenComparing(Target::openWorldHint);

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("kind", kind)
                .put("value", value)
                .putOmitEmpty("operation", operation)
                .putOmitEmpty("sensitivity", sensitivity)
                .putOmitEmpty("endpoint_class", endpointClass)
                .putOmitEmpty("endpoint_domain", endpointDomain)
                .putOmitEmpty("destructive", destructive)
                .putOmitEmpty("discovery_method", discoveryMethod)
                .putOmitEmpty("read_only_hint", readOnlyHint)
                .putOmitEmpty("destructive_hint", destructiveHint)
                .putOmitEmpty("idempotent_hint", idempotentHint)
                .putOmitEmpty("open_world_hint", openWorldHint)
                .build();
    }
}
