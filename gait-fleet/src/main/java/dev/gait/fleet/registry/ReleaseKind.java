package dev.gait.fleet.registry;

import dev.gait.fleet.error.FleetException;
import java.util.Locale;

/** What a release carries. */
public enum ReleaseKind {
    POLICY,
    SCRIPTS,
    KILL_SWITCH,
    /** Policy, approved scripts and kill-switch state released together. */
    COMBINED;

    /** The lowercase name used in storage and the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReleaseKind fromWireName(String name) {
        for (ReleaseKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        throw FleetException.invalid("unknown release kind: " + name);
    }
}
