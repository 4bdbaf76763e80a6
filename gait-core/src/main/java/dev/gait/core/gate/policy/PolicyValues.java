package dev.gait.core.gate.policy;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Normalisation helpers shared by every policy section: Gait's list rule, verdicts and enum checks. */
final class PolicyValues {
    static final Set<String> VERDICTS = Set.of("allow", "block", "dry_run", "require_approval");

    private PolicyValues() {}

    /** Gait's list rule: trimmed, empties dropped, de-duplicated, sorted by UTF-8 bytes; optionally lowercased. */
    static List<String> list(Collection<String> values, boolean lowercase) {
        TreeSet<String> set = new TreeSet<>(GoStrings.BYTE_ORDER);
        for (String value : values) {
            String v = GoStrings.trimSpace(value);
            if (lowercase) {
                v = v.toLowerCase(Locale.ROOT);
            }
            if (!v.isEmpty()) {
                set.add(v);
            }
        }
        return new ArrayList<>(set);
    }

    static List<String> checked(List<String> values, Set<String> allowed, String what, String rule) {
        for (String value : values) {
            if (!allowed.contains(value)) {
                throw invalid("unsupported " + what + " \"" + value + "\"" + (rule.isEmpty() ? "" : " for " + rule));
            }
        }
        return values;
    }

    static String verdict(String text) {
        return GoStrings.trimSpace(text).toLowerCase(Locale.ROOT);
    }

    static String trimmed(String text) {
        return GoStrings.trimSpace(text);
    }

    static String lower(String text) {
        return GoStrings.trimSpace(text).toLowerCase(Locale.ROOT);
    }

    static JsonArray json(List<String> values) {
        return JsonArray.ofStrings(values);
    }

    static JsonArray jsonObjects(List<? extends JsonValue> values) {
        return new JsonArray(List.copyOf(values));
    }

    static long nonNegative(long value, String what) {
        if (value < 0) {
            throw invalid(what + " must not be negative");
        }
        return value;
    }

    static GaitException invalid(String message) {
        return GaitException.invalidInput(message);
    }
}
