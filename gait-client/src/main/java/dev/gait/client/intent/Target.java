package dev.gait.client.intent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a tool call touches ({@code targets[]} of {@code gait.gate.intent_request}): a kind (path,
 * url, host, repo, bucket, table, queue, topic, other) and a value, with optional operation,
 * sensitivity, endpoint class and domain, destructive flag, discovery method and MCP hints. Values
 * are passed as given; Gait normalises and validates them.
 */
public final class Target {

    private final Map<String, Object> fields;

    private Target(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static Builder of(String kind, String value) {
        return new Builder(kind, value);
    }

    public static Target path(String path, String operation) {
        return of("path", path).operation(operation).build();
    }

    public static Target url(String url, String operation) {
        return of("url", url).operation(operation).build();
    }

    /** The target as its JSON object. */
    public Map<String, Object> toMap() {
        return fields;
    }

    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder(String kind, String value) {
            fields.put("kind", Objects.requireNonNull(kind, "kind"));
            fields.put("value", Objects.requireNonNull(value, "value"));
        }

        public Builder operation(String operation) { return put("operation", operation); }
        public Builder sensitivity(String sensitivity) { return put("sensitivity", sensitivity); }
        /** fs.read, fs.write, fs.delete, proc.exec, net.http, net.dns, ui.click, ui.type, ui.navigate, other. */
        public Builder endpointClass(String endpointClass) { return put("endpoint_class", endpointClass); }
        public Builder endpointDomain(String endpointDomain) { return put("endpoint_domain", endpointDomain); }
        public Builder destructive(boolean destructive) { return put("destructive", destructive); }
        /** webmcp, dynamic_mcp, a2a, mcp, static_mcp, manual, unknown. */
        public Builder discoveryMethod(String discoveryMethod) { return put("discovery_method", discoveryMethod); }
        public Builder readOnlyHint(boolean hint) { return put("read_only_hint", hint); }
        public Builder destructiveHint(boolean hint) { return put("destructive_hint", hint); }
        public Builder idempotentHint(boolean hint) { return put("idempotent_hint", hint); }
        public Builder openWorldHint(boolean hint) { return put("open_world_hint", hint); }

        private Builder put(String name, Object value) {
            fields.put(name, Objects.requireNonNull(value, name));
            return this;
        }

        public Target build() {
            return new Target(new LinkedHashMap<>(fields));
        }
    }
}
