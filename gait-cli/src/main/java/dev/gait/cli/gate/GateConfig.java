package dev.gait.cli.gate;

import dev.gait.cli.Invocation;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.yaml.StrictYaml;
import dev.gait.core.yaml.YamlMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Project defaults for {@code gate eval} from {@code .gait/config.yaml} ({@code gate:} section).
 * Flags given on the command line win. A missing default file is fine; a missing file named with
 * {@code --config} is an error, and so is an unknown key.
 */
record GateConfig(Map<String, String> values) {
    static final String DEFAULT_PATH = ".gait/config.yaml";
    private static final List<String> SUPPORTED = List.of("policy", "profile", "key_mode", "private_key", "private_key_env",
            "rate_limit_state", "trace_path", "wrkr_inventory_path", "kill_switch_state", "approval_public_key", "approval_public_key_env",
            "approval_private_key", "approval_private_key_env", "credential_broker", "credential_env_prefix", "credential_ref",
            "credential_scopes", "credential_command", "credential_command_args", "credential_evidence_path");

    static GateConfig load(Invocation invocation, String explicitPath, boolean disabled) {
        if (disabled) {
            return new GateConfig(Map.of());
        }
        Path path = invocation.resolve(explicitPath.isBlank() ? DEFAULT_PATH : explicitPath);
        if (explicitPath.isBlank() && !Files.exists(path)) {
            return new GateConfig(Map.of());
        }
        YamlMap root = StrictYaml.loadMap(new String(InputFiles.read(path, InputFiles.DEFAULT_MAX_BYTES), StandardCharsets.UTF_8),
                path.toString());
        Map<String, String> values = new LinkedHashMap<>();
        root.map("gate").ifPresent(gate -> {
            for (String key : SUPPORTED) {
                String value = gate.string(key).strip();
                if (!value.isEmpty()) {
                    values.put(key, value);
                }
            }
            gate.rejectUnknownKeys();
        });
        // mcp_serve and retention belong to other commands
        root.has("mcp_serve");
        root.has("retention");
        root.rejectUnknownKeys();
        return new GateConfig(values);
    }

    /** Fills every flag not given on the command line from the config. */
    void applyTo(GateEvalCommand.Flags flags) {
        flags.policy().defaultTo(values.get("policy"));
        flags.profile().defaultTo(values.get("profile"));
        flags.keyMode().defaultTo(values.get("key_mode"));
        flags.rateLimitState().defaultTo(values.get("rate_limit_state"));
        flags.traceOut().defaultTo(values.get("trace_path"));
        flags.wrkrInventory().defaultTo(values.get("wrkr_inventory_path"));
        flags.killSwitchState().defaultTo(values.get("kill_switch_state"));
        keyDefaults(flags.privateKey(), "private_key");
        keyDefaults(flags.approvalPublicKey(), "approval_public_key");
        keyDefaults(flags.approvalPrivateKey(), "approval_private_key");
        BrokerFlags broker = flags.broker();
        broker.broker().defaultTo(values.get("credential_broker"));
        broker.envPrefix().defaultTo(values.get("credential_env_prefix"));
        broker.credentialRef().defaultTo(values.get("credential_ref"));
        broker.scopes().defaultTo(values.get("credential_scopes"));
        broker.command().defaultTo(values.get("credential_command"));
        broker.commandArgs().defaultTo(values.get("credential_command_args"));
        broker.evidenceOut().defaultTo(values.get("credential_evidence_path"));
    }

    /** A key from the config applies only when neither of its flags was given. */
    private void keyDefaults(dev.gait.cli.keys.KeyFlagPair key, String configKey) {
        if (!key.path().isSet() && !key.env().isSet()) {
            key.path().defaultTo(values.get(configKey));
            key.env().defaultTo(values.get(configKey + "_env"));
        }
    }
}
