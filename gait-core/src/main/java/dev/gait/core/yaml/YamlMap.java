package dev.gait.core.yaml;

import dev.gait.core.error.GaitException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Strict, typed reads of one YAML mapping. Every key a caller reads is remembered;
 * {@link #rejectUnknownKeys()} then fails on any key nobody asked for, so a misspelt policy key is an
 * error instead of a silently ignored rule. Type mismatches are errors naming the key's path.
 */
public final class YamlMap {
    private final Map<?, ?> map;
    private final String path;
    private final String document;
    private final Set<String> read = new LinkedHashSet<>();

    YamlMap(Map<?, ?> map, String path, String document) {
        this.map = map;
        this.path = path;
        this.document = document;
    }

    public boolean has(String key) {
        read.add(key);
        return map.containsKey(key) && map.get(key) != null;
    }

    /** Whether any of the keys is present (and not null). */
    public boolean hasAny(String... keys) {
        boolean any = false;
        for (String key : keys) {
            any |= has(key);
        }
        return any;
    }

    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        map.keySet().forEach(k -> keys.add(String.valueOf(k)));
        return keys;
    }

    public String string(String key) {
        Object value = value(key);
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        throw wrongType(key, "a string");
    }

    public boolean bool(String key) {
        Object value = value(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, "true or false");
    }

    /** An integer value, or empty when absent; decimals and numbers beyond {@code long} are errors. */
    public Optional<Long> integer(String key) {
        Object value = value(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Integer i) {
            return Optional.of(i.longValue());
        }
        if (value instanceof Long l) {
            return Optional.of(l);
        }
        if (value instanceof BigInteger) {
            throw wrongType(key, "an integer within range");
        }
        throw wrongType(key, "an integer");
    }

    public Optional<Double> number(String key) {
        Object value = value(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n && !(value instanceof BigInteger)) {
            return Optional.of(n.doubleValue());
        }
        throw wrongType(key, "a number");
    }

    /** A list of strings; a single string is not accepted in place of a list. */
    public List<String> strings(String key) {
        Object value = value(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(key, "a list of strings");
        }
        List<String> strings = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof String s)) {
                throw wrongType(key, "a list of strings");
            }
            strings.add(s);
        }
        return strings;
    }

    public Optional<YamlMap> map(String key) {
        Object value = value(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> child) {
            return Optional.of(new YamlMap(child, qualified(key), document));
        }
        throw wrongType(key, "a mapping");
    }

    public List<YamlMap> maps(String key) {
        Object value = value(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(key, "a list of mappings");
        }
        List<YamlMap> maps = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> child)) {
                throw wrongType(key, "a list of mappings");
            }
            maps.add(new YamlMap(child, qualified(key) + "[" + i + "]", document));
        }
        return maps;
    }

    /** Fails on the first key of this mapping that no read asked for. */
    public void rejectUnknownKeys() {
        for (Object key : map.keySet()) {
            if (!(key instanceof String name) || !read.contains(name)) {
                throw GaitException.invalidInput(document + ": unknown field " + qualified(String.valueOf(key)));
            }
        }
    }

    public String path() {
        return path;
    }

    private Object value(String key) {
        read.add(key);
        return map.get(key);
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private GaitException wrongType(String key, String expected) {
        return GaitException.invalidInput(document + ": " + qualified(key) + " must be " + expected);
    }
}
