package dev.gait.cli.gate;

import dev.gait.cli.Invocation;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.core.config.GateDefaults;
import dev.gait.core.config.ProjectConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Project defaults for {@code gate eval} from {@code .gait/config.yaml} ({@code gate:} section).
 * Flags given on the command line win. A missing default file is fine; a missing file named with
 * {@code --config} is an error, and so is any key or value the configuration does not define.
 */
record GateConfig(GateDefaults defaults) {

    static GateConfig load(Invocation invocation, String explicitPath, boolean disabled) {
        if (disabled) {
            return new GateConfig(GateDefaults.EMPTY);
        }
        Path path = invocation.resolve(explicitPath.isBlank() ? ProjectConfig.DEFAULT_PATH : explicitPath);
        if (explicitPath.isBlank() && !Files.exists(path)) {
            return new GateConfig(GateDefaults.EMPTY);
        }
        return new GateConfig(ProjectConfig.load(path).gate());
    }

    /** Fills every flag not given on the command line from the config. */
    void applyTo(GateEvalCommand.Flags flags) {
        flags.policy().defaultTo(value("policy"));
        flags.profile().defaultTo(value("profile"));
        flags.keyMode().defaultTo(value("key_mode"));
        flags.rateLimitState().defaultTo(value("rate_limit_state"));
        flags.traceOut().defaultTo(value("trace_path"));
        flags.wrkrInventory().defaultTo(value("wrkr_inventory_path"));
        flags.killSwitchState().defaultTo(value("kill_switch_state"));
        keyDefaults(flags.privateKey(), "private_key");
        keyDefaults(flags.approvalPublicKey(), "approval_public_key");
        keyDefaults(flags.approvalPrivateKey(), "approval_private_key");
        BrokerFlags broker = flags.broker();
        broker.broker().defaultTo(value("credential_broker"));
        broker.envPrefix().defaultTo(value("credential_env_prefix"));
        broker.credentialRef().defaultTo(value("credential_ref"));
        broker.scopes().defaultTo(value("credential_scopes"));
        broker.command().defaultTo(value("credential_command"));
        broker.commandArgs().defaultTo(value("credential_command_args"));
        broker.evidenceOut().defaultTo(value("credential_evidence_path"));
    }

    /** The configured value, or null (which leaves a flag's own default) when the config does not set it. */
    private String value(String key) {
        String value = defaults.get(key);
        return value.isEmpty() ? null : value;
    }

    /** A key from the config applies only when neither of its flags was given. */
    private void keyDefaults(KeyFlagPair key, String configKey) {
        if (!key.path().isSet() && !key.env().isSet()) {
            key.path().defaultTo(value(configKey));
            key.env().defaultTo(value(configKey + "_env"));
        }
    }
}
