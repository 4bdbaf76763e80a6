package dev.gait.cli.gate;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.error.GaitException;
import dev.gait.core.gate.PolicySimulation;
import dev.gait.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code gait policy simulate --policy CANDIDATE --baseline BASE --fixtures a.json,dir/}: what a policy change would change. */
final class PolicySimulateCommand extends LeafCommand<PolicySimulateCommand.Flags> {

    record Flags(Flag<String> policy, Flag<String> baseline, Flag<String> fixtures) {}

    PolicySimulateCommand() {
        super("simulate", "Compare a candidate policy with a baseline over fixture intents and recommend a rollout.",
                "policy simulate runs fixture intents through a baseline and a candidate policy and says what would change.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(flags.string("policy", "", "candidate policy"), flags.string("baseline", "", "baseline policy"),
                flags.string("fixtures", "", "comma-separated intent files and directories (searched for *.json)"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (flags.policy().get().isBlank() || flags.baseline().get().isBlank() || flags.fixtures().get().isBlank()) {
            throw new UsageException("policy simulate needs --policy, --baseline and --fixtures");
        }
        List<PolicySimulation.Fixture> fixtures = new ArrayList<>();
        for (Path file : discover(invocation, flags.fixtures().get())) {
            fixtures.add(new PolicySimulation.Fixture(invocation.workingDirectory().relativize(file).toString(),
                    PolicyCommands.loadIntent(invocation, file.toString())));
        }
        if (fixtures.isEmpty()) {
            throw GaitException.invalidInput("no *.json fixtures found in " + flags.fixtures().get());
        }
        JsonObject result = PolicySimulation.run(PolicyCommands.load(invocation, flags.baseline().get()),
                PolicyCommands.load(invocation, flags.policy().get()), fixtures, invocation.clock().instant());
        return output.success(result, List.of(result.string("summary").orElse("")));
    }

    /** Every {@code *.json} under the given files and directories, sorted. */
    private static List<Path> discover(Invocation invocation, String csv) {
        List<Path> files = new ArrayList<>();
        for (String entry : csv.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = invocation.resolve(entry.strip());
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")).forEach(files::add);
                } catch (IOException e) {
                    throw GaitException.invalidInput("cannot read fixtures in " + path + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw GaitException.invalidInput("fixture not found: " + entry.strip());
            }
        }
        return files.stream().distinct().sorted().toList();
    }
}
