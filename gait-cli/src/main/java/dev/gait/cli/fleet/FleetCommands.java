package dev.gait.cli.fleet;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.fleet.config.FleetConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code gait fleet serve|bootstrap|audit-verify}: the fleet control plane, its first administrator
 * and the offline check of its audit log. Only these commands load the control plane's classes.
 */
public final class FleetCommands {

    private FleetCommands() {}

    public static CommandFamily family() {
        return new CommandFamily("fleet", "Run the fleet control plane, bootstrap its organisations, verify its audit log.",
                "fleet serve runs the control plane (signed policy releases, per-environment bundles, posture, artifact ingest) on a\n"
                        + "SQLite file and local artifacts in --data-dir, or on PostgreSQL and S3 with --config; fleet bootstrap creates an\n"
                        + "organisation with its first administrator and prints the administrator's token once; fleet audit-verify checks an\n"
                        + "exported audit log offline.",
                List.<Command>of(new FleetServeCommand(), new FleetBootstrapCommand(), new FleetAuditVerifyCommand()));
    }

    /** Where the control plane keeps its state: {@code --data-dir} and {@code --config}, as both commands take them. */
    record StorageFlags(Flag<String> dataDir, Flag<String> config) {
        static StorageFlags declare(FlagSet flags) {
            return new StorageFlags(
                    flags.string("data-dir", FleetConfig.DEFAULT_DATA_DIR,
                            "the control plane's directory: SQLite file, artifacts and signing key, created on first start"),
                    flags.string("config", "", "YAML configuration (database: PostgreSQL, artifacts: S3); GAIT_FLEET_* variables override it"));
        }

        FleetConfig load(Invocation invocation) {
            Optional<Path> file = config.get().isBlank() ? Optional.empty() : Optional.of(invocation.resolve(config.get()));
            FleetConfig loaded = FleetConfig.load(file, invocation.environment());
            // --data-dir wins over the file's data_dir and GAIT_FLEET_DATA_DIR; both default to the same directory.
            Path directory = invocation.resolve(dataDir.isSet() ? dataDir.get() : loaded.dataDir().toString());
            return new FleetConfig(directory, loaded.database(), loaded.s3());
        }
    }
}
