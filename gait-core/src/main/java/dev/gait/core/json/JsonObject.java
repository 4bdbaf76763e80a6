package dev.gait.core.json;

import dev.gait.core.canon.GoTime;
import java.time.OffsetDateTime;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A JSON object. Members keep insertion order; writers decide the order they emit (canonical JSON
 * and Go's map encoding both sort).
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    public static final JsonObject EMPTY = new JsonObject(Map.of());

    public JsonObject {
        members = members instanceof Sealed ? members : new Sealed(new LinkedHashMap<>(members));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An object over {@code members}, which the caller hands over and never changes again. */
    static JsonObject owning(LinkedHashMap<String, JsonValue> members) {
        return new JsonObject(new Sealed(members));
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
        private LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
        /** Whether {@link #build()} handed the map to an object: the next change copies it first. */
        private boolean handedOver;

        private Builder() {}

        private LinkedHashMap<String, JsonValue> members() {
            if (handedOver) {
                members = new LinkedHashMap<>(members);
                handedOver = false;
            }
            return members;
        }

        public Builder put(String key, JsonValue value) {
            members().put(key, value == null ? JsonNull.INSTANCE : value);
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
                members().put(key, value);
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
            members().remove(key);
            return this;
        }

        /** The object; its members are the builder's, not a copy (a later change to the builder copies them first). */
        public JsonObject build() {
            handedOver = true;
            return owning(members);
        }
    }

    /**
     * The read-only members of an object, over a map nothing else changes: objects from a builder
     * take its map as it is instead of copying it (a decision builds hundreds of objects).
     */
    private static final class Sealed extends AbstractMap<String, JsonValue> {
        private final Map<String, JsonValue> view;

        Sealed(LinkedHashMap<String, JsonValue> members) {
            this.view = Collections.unmodifiableMap(members);
        }

        @Override
        public Set<Entry<String, JsonValue>> entrySet() {
            return view.entrySet();
        }

        @Override
        public JsonValue get(Object key) {
            return view.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public int size() {
            return view.size();
        }

        @Override
        public Set<String> keySet() {
            return view.keySet();
        }

        @Override
        public Collection<JsonValue> values() {
            return view.values();
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super JsonValue> action) {
            view.forEach(action);
        }
    }
}
