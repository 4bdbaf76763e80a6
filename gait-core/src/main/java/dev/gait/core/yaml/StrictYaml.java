package dev.gait.core.yaml;

import dev.gait.core.error.GaitException;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Loads untrusted YAML safely: YAML 1.2 core schema (no object construction), duplicate keys
 * rejected, aliases limited (no alias bombs), recursive keys refused, size bounded. The result is a
 * tree of maps, lists and scalars for {@link YamlMap} to read strictly.
 */
public final class StrictYaml {

    /** Policies are small; anything near this is not a policy. */
    public static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
    static final int MAX_ALIASES = 20;
    static final int MAX_DEPTH = 64;

    private StrictYaml() {}

    /** Loads one YAML document that must be a mapping. */
    public static YamlMap loadMap(String text, String name) {
        return checkedMap(load(text, name), name);
    }

    /** Like {@link #loadMap}, but an empty document (blank, or comments only) is an empty mapping. */
    public static YamlMap loadMapOrEmpty(String text, String name) {
        Object document = load(text, name);
        return document == null ? new YamlMap(Map.of(), "", name) : checkedMap(document, name);
    }

    private static Object load(String text, String name) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(name)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        Object document;
        try {
            document = new Load(settings).loadFromString(text);
        } catch (YamlEngineException | IllegalArgumentException e) {
            throw GaitException.invalidInput("invalid YAML in " + name + ": " + firstLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw GaitException.invalidInput("invalid YAML in " + name + ": nesting too deep");
        }
        return document;
    }

    private static YamlMap checkedMap(Object document, String name) {
        if (!(document instanceof Map<?, ?> map)) {
            throw GaitException.invalidInput(name + " must be a YAML mapping");
        }
        checkDepth(map, 0, name);
        return new YamlMap(map, "", name);
    }

    private static void checkDepth(Object node, int depth, String name) {
        if (depth > MAX_DEPTH) {
            throw GaitException.invalidInput("invalid YAML in " + name + ": nesting deeper than " + MAX_DEPTH);
        }
        if (node instanceof Map<?, ?> map) {
            for (Object value : map.values()) {
                checkDepth(value, depth + 1, name);
            }
        } else if (node instanceof Iterable<?> list) {
            for (Object value : list) {
                checkDepth(value, depth + 1, name);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable document";
        }
        String line = message.strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline) + " " + line.substring(newline + 1).strip().replace('\n', ' ');
    }
}
