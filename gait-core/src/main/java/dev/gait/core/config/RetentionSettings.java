package dev.gait.core.config;

import dev.gait.core.canon.GoDuration;
import dev.gait.core.error.GaitException;
import dev.gait.core.yaml.YamlMap;
import java.time.Duration;

/**
 * The {@code retention:} section: how long traces, session journals and exports are kept, as Go
 * durations ({@code 168h}). A value that is not a positive duration is an error when the file is read.
 */
public record RetentionSettings(String traceTtl, String sessionTtl, String exportTtl) {
    public static final RetentionSettings NONE = new RetentionSettings("", "", "");

    static RetentionSettings read(YamlMap retention, String document) {
        RetentionSettings settings = new RetentionSettings(
                ttl(retention, "trace_ttl", document), ttl(retention, "session_ttl", document), ttl(retention, "export_ttl", document));
        retention.rejectUnknownKeys();
        return settings;
    }

    /** Whether all three TTLs are set, as a production deployment needs. */
    public boolean complete() {
        return !traceTtl.isEmpty() && !sessionTtl.isEmpty() && !exportTtl.isEmpty();
    }

    private static String ttl(YamlMap retention, String key, String document) {
        String value = retention.string(key).strip();
        if (value.isEmpty()) {
            return value;
        }
        Duration duration;
        try {
            duration = GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw GaitException.invalidInput(document + ": retention." + key + ": " + e.getMessage());
        }
        if (duration.isZero() || duration.isNegative()) {
            throw GaitException.invalidInput(document + ": retention." + key + " must be a positive duration (got \"" + value + "\")");
        }
        return value;
    }
}
