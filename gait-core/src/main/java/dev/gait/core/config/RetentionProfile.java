package dev.gait.core.config;

import dev.gait.core.error.GaitException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Gait v1's retention profiles: ready-made trace, session and export TTLs for {@code retention:}. */
public enum RetentionProfile {
    SHORT("24h", "72h", "24h"),
    MEDIUM("168h", "336h", "168h"),
    LONG("720h", "1440h", "720h");

    private final RetentionSettings settings;

    RetentionProfile(String traceTtl, String sessionTtl, String exportTtl) {
        this.settings = new RetentionSettings(traceTtl, sessionTtl, exportTtl);
    }

    public RetentionSettings settings() {
        return settings;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(RetentionProfile::wire).toList();
    }

    public static RetentionProfile parse(String name) {
        for (RetentionProfile profile : values()) {
            if (profile.wire().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return profile;
            }
        }
        throw GaitException.invalidInput("unknown retention profile " + name + " (profiles: " + String.join(", ", names()) + ")");
    }
}
