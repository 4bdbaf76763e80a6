package dev.gait.cli.fleet;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.cli.serve.ListenAddress;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.Signer;
import dev.gait.fleet.FleetStorage;
import dev.gait.fleet.config.FleetConfig;
import dev.gait.fleet.control.ControlPlane;
import dev.gait.fleet.control.ControlPlaneKey;
import dev.gait.fleet.http.FleetOptions;
import dev.gait.fleet.http.FleetServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code gait fleet serve}: the control plane's HTTP API. It prints where it listens and the public
 * key enforcement points trust, then runs until it is stopped.
 */
final class FleetServeCommand extends LeafCommand<FleetServeCommand.Flags> {

    record Flags(FleetCommands.StorageFlags storage, Flag<String> listen, Flag<String> trust, Flag<Long> maxBodyBytes) {}

    FleetServeCommand() {
        super("serve", "Run the fleet control plane's HTTP API (JSON under /v1, OpenAPI, health, metrics).",
                "fleet serve runs the control plane: signed releases, per-environment signed bundles with long polls and staged\n"
                        + "rollout, posture, verified artifact ingest and a hash-chained audit log. By default it keeps a SQLite file,\n"
                        + "artifacts and its signing key in --data-dir, created on first start; --config selects PostgreSQL and S3.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(FleetCommands.StorageFlags.declare(flags),
                flags.string("listen", FleetOptions.DEFAULT_HOST + ":" + FleetOptions.DEFAULT_PORT,
                        "HOST:PORT to listen on (port 0: any free port)"),
                flags.string("trust", "", "public key file(s), comma-separated, whose signatures uploaded artifacts and pre-signed releases may carry"),
                flags.integer("max-body-bytes", FleetOptions.DEFAULT_MAX_BODY_BYTES, "largest request body accepted (413 above)"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        ListenAddress listen = ListenAddress.parse(flags.listen().get());
        if (flags.maxBodyBytes().get() < 1 || flags.maxBodyBytes().get() > Integer.MAX_VALUE - 1) {
            throw new UsageException("--max-body-bytes must be between 1 and " + (Integer.MAX_VALUE - 1));
        }
        List<byte[]> trusted = flags.trust().get().isBlank() ? List.of() : CachedBundle.trustedKeys(invocation, "trust", flags.trust().get());
        FleetConfig config = flags.storage().load(invocation);
        FleetStorage storage = FleetStorage.open(config, Clock.systemUTC());
        FleetServer server;
        try {
            Signer key = ControlPlaneKey.loadOrCreate(config.dataDir());
            ControlPlane control = new ControlPlane(storage.store(), storage.artifacts(), key, trusted, Clock.systemUTC());
            server = FleetServer.start(new FleetOptions(listen.host(), listen.port(), flags.maxBodyBytes().get().intValue(),
                    FleetOptions.DEFAULT_REFRESH_INTERVAL), control);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            storage.close();
        }));
        Path publicKey = ControlPlaneKey.publicKeyFile(config.dataDir());
        output.success(JsonObject.builder()
                        .put("listening", server.url().toString())
                        .put("public_key", publicKey.toString())
                        .build(),
                List.of("listening=" + server.url(), "public_key=" + publicKey));
        invocation.out().flush();
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
