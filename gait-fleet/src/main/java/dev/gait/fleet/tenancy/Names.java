package dev.gait.fleet.tenancy;

import dev.gait.fleet.error.FleetException;
import java.util.Map;
import java.util.regex.Pattern;

/** The shape of names and labels people choose: short, printable, usable in URLs. */
public final class Names {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9._-]{0,63}");

    private Names() {}

    public static String require(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw FleetException.invalid(what + " must be 1-63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit: "
                    + name);
        }
        return name;
    }

    public static Map<String, String> requireLabels(Map<String, String> labels) {
        labels.forEach((key, value) -> {
            require("label key", key);
            if (value == null || !LABEL_VALUE.matcher(value).matches()) {
                throw FleetException.invalid("label " + key + " must be at most 63 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
            }
        });
        return Map.copyOf(labels);
    }
}
