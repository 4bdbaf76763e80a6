package dev.gait.cli;

import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.core.json.JsonObject;
import dev.gait.core.version.GaitVersion;
import java.util.List;

/** {@code gait version} (also {@code --version} and {@code -v}). */
final class VersionCommand extends LeafCommand<Void> {

    VersionCommand() {
        super("version", "Print the version that this build records as producer_version.",
                "version prints the Gait version that every artifact written by this build records as producer_version.");
    }

    @Override
    protected Void declare(FlagSet flags) {
        return null;
    }

    @Override
    protected int execute(Invocation invocation, Output output, Void flags, List<String> positionals) {
        String version = GaitVersion.current();
        return output.success(JsonObject.builder().put("version", version).build(), List.of("gait " + version));
    }
}
