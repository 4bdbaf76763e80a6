package dev.gait.cli.fleet;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.json.JsonObject;
import dev.gait.fleet.FleetStorage;
import dev.gait.fleet.tenancy.Bootstrap;
import java.time.Clock;
import java.util.List;

/** {@code gait fleet bootstrap}: an organisation and its first administrator, whose token is printed once. */
final class FleetBootstrapCommand extends LeafCommand<FleetBootstrapCommand.Flags> {

    record Flags(FleetCommands.StorageFlags storage, Flag<String> org, Flag<String> admin) {}

    FleetBootstrapCommand() {
        super("bootstrap", "Create an organisation and its first administrator (prints the admin token once).",
                "fleet bootstrap creates an organisation with its first administrator directly in the control plane's store and prints\n"
                        + "the organisation id and the administrator's API token. The token is not stored in clear and is shown only here.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(FleetCommands.StorageFlags.declare(flags),
                flags.string("org", "", "the organisation's name"),
                flags.string("admin", "", "the first administrator's e-mail address"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (flags.org().get().isBlank() || flags.admin().get().isBlank()) {
            throw new UsageException("fleet bootstrap needs --org and --admin");
        }
        try (FleetStorage storage = FleetStorage.open(flags.storage().load(invocation), Clock.systemUTC())) {
            Bootstrap created = storage.store().tenancy().bootstrap(flags.org().get().strip(), flags.admin().get().strip());
            output.success(JsonObject.builder()
                            .put("org_id", created.organization().id())
                            .put("admin_id", created.admin().id())
                            .put("admin_token", created.adminToken().token())
                            .build(),
                    List.of("org_id=" + created.organization().id(), "admin_token=" + created.adminToken().token()));
        }
        return 0;
    }
}
