package dev.gait.core.config;

import dev.gait.core.error.GaitException;
import dev.gait.core.yaml.YamlMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code gate:} section: defaults for {@code gate eval}, one string per key, keyed by the
 * config key (e.g. {@code private_key_env}). Empty values are absent.
 */
public record GateDefaults(Map<String, String> values) {
    public static final GateDefaults EMPTY = new GateDefaults(Map.of());
    public static final List<String> KEYS = List.of("policy", "profile", "key_mode", "private_key", "private_key_env",
            "approval_public_key", "approval_public_key_env", "approval_private_key", "approval_private_key_env",
            "rate_limit_state", "credential_broker", "credential_env_prefix", "credential_ref", "credential_scopes",
            "credential_command", "credential_command_args", "credential_evidence_path", "trace_path", "wrkr_inventory_path",
            "kill_switch_state");
    public static final List<String> PROFILES = List.of("standard", "oss-prod");
    public static final List<String> KEY_MODES = List.of("dev", "prod");
    public static final List<String> BROKERS = List.of("off", "stub", "env", "command");

    public GateDefaults {
        values = Map.copyOf(values);
    }

    static GateDefaults read(YamlMap gate, String document) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : KEYS) {
            String value = gate.string(key).strip();
            if (!value.isEmpty()) {
                values.put(key, value);
            }
        }
        gate.rejectUnknownKeys();
        requireOneOf(values, "profile", PROFILES, document);
        requireOneOf(values, "key_mode", KEY_MODES, document);
        requireOneOf(values, "credential_broker", BROKERS, document);
        return new GateDefaults(values);
    }

    /** The value of a key, or {@code ""} when the config does not set it. */
    public String get(String key) {
        return values.getOrDefault(key, "");
    }

    public String policy() {
        return get("policy");
    }

    public String profile() {
        return get("profile");
    }

    public String keyMode() {
        return get("key_mode");
    }

    /** Whether a credential broker is configured (and not switched off). */
    public boolean brokerConfigured() {
        return !get("credential_broker").isEmpty() && !get("credential_broker").equals("off");
    }

    private static void requireOneOf(Map<String, String> values, String key, List<String> allowed, String document) {
        String value = values.getOrDefault(key, "");
        if (!value.isEmpty() && !allowed.contains(value)) {
            throw GaitException.invalidInput(document + ": gate." + key + " must be one of " + String.join(", ", allowed)
                    + " (got \"" + value + "\")");
        }
    }
}
