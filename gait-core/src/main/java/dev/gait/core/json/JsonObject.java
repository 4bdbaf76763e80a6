package dev.gait.core.json;

import dev.gait.core.canon.GoTime;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON object. Members keep insertion order; writers decide the order they emit (canonical JSON
 * and Go's map encoding both sort).
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    public static final JsonObject EMPTY = new JsonObject(Map.of());

    public JsonObject {
        members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this object's members. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.members.putAll(members);
        return builder;
    }

    public Optional<JsonValue> get(String key) {
        return Optional.ofNullable(members.get(key));
    }

    public boolean has(String key) {
        return members.containsKey(key);
    }

    /** The member as a string, or empty when absent or of another type. */
    public Optional<String> string(String key) {
        return members.get(key) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
    }

    public Optional<JsonObject> object(String key) {
        return members.get(key) instanceof JsonObject o ? Optional.of(o) : Optional.empty();
    }

    public Optional<JsonArray> array(String key) {
        return members.get(key) instanceof JsonArray a ? Optional.of(a) : Optional.empty();
    }

    /** A copy without {@code key}; used to compute digests over "the artifact minus its signature". */
    public JsonObject without(String key) {
        if (!members.containsKey(key)) {
            return this;
        }
        return toBuilder().remove(key).build();
    }

    public int size() {
        return members.size();
    }

    @Override
    public boolean isEmpty() {
        return members.isEmpty();
    }

    /**
     * Builds objects the way Go's {@code encoding/json} would marshal a struct: {@code put} always
     * emits the member, {@code putOmitEmpty} follows {@code omitempty} (drops "", 0, false, null,
     * empty arrays and objects). Times are never omitted, as in Go.
     */
    public static final class Builder {
        private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

        private Builder() {}

        public Builder put(String key, JsonValue value) {
            members.put(key, value == null ? JsonNull.INSTANCE : value);
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, value == null ? JsonNull.INSTANCE : new JsonString(value));
        }

        public Builder put(String key, double value) {
            return put(key, new JsonNumber(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, JsonValue.of(value));
        }

        public Builder put(String key, OffsetDateTime time) {
            return put(key, new JsonString(GoTime.format(time)));
        }

        public Builder putStrings(String key, List<String> values) {
            return put(key, JsonArray.ofStrings(values));
        }

        public Builder putOmitEmpty(String key, JsonValue value) {
            if (value != null && !value.isEmpty()) {
                members.put(key, value);
            }
            return this;
        }

        public Builder putOmitEmpty(String key, String value) {
            return putOmitEmpty(key, value == null ? null : new JsonString(value));
        }

        public Builder putOmitEmpty(String key, double value) {
            return putOmitEmpty(key, new JsonNumber(value));
        }

        public Builder putOmitEmpty(String key, boolean value) {
            return putOmitEmpty(key, JsonValue.of(value));
        }

        public Builder putStringsOmitEmpty(String key, List<String> values) {
            return putOmitEmpty(key, values == null ? null : JsonArray.ofStrings(values));
        }

        public Builder remove(String key) {
            members.remove(key);
            return this;
        }

        public JsonObject build() {
            return new JsonObject(members);
        }
    }
}
