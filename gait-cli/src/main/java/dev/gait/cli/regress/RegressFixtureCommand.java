package dev.gait.cli.regress;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.core.json.JsonObject;
import dev.gait.core.regress.FixtureInit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gait regress init} and {@code gait regress add}: make a fixture of a runpack and regenerate
 * {@code gait.yaml}. They differ only in that {@code add} also takes a capture receipt and says
 * which source it used.
 */
final class RegressFixtureCommand extends LeafCommand<SourceFlags> {
    private static final List<String> NEXT = List.of("gait regress run --json");

    private final boolean add;

    private RegressFixtureCommand(String name, String summary, String explain, boolean add) {
        super(name, summary, explain);
        this.add = add;
    }

    static RegressFixtureCommand init() {
        return new RegressFixtureCommand("init", "Make a regression fixture of a runpack and write gait.yaml.",
                "regress init copies a runpack into fixtures/<name> with the tool and verdict sequences it expects, and writes gait.yaml.",
                false);
    }

    static RegressFixtureCommand add() {
        return new RegressFixtureCommand("add", "Add a fixture from a runpack, a session chain or a capture receipt.",
                "regress add adds a regression fixture from a runpack, a session checkpoint or a capture receipt, and rewrites gait.yaml.",
                true);
    }

    @Override
    protected SourceFlags declare(FlagSet flags) {
        return SourceFlags.declare(flags, add ? "a capture receipt, run id, runpack path or session chain (.json)"
                : "a run id, runpack path or session chain (.json)");
    }

    @Override
    protected int execute(Invocation invocation, Output output, SourceFlags flags, List<String> positionals) {
        FixtureInit.Source source = FixtureSources.resolve(invocation, flags, add);
        FixtureInit.Created created = FixtureInit.create(invocation.workingDirectory(), source, flags.name().get().strip());
        JsonObject.Builder json = JsonObject.builder();
        List<String> text = new ArrayList<>();
        if (add) {
            json.put("source", flags.from().get().strip());
            text.add("source=" + flags.from().get().strip());
        }
        describe(created, json, text);
        json.putStrings("next_commands", NEXT);
        text.add("next_commands=" + String.join(",", NEXT));
        return output.success(json.build(), text);
    }

    /** The created fixture's members and text lines, shared with {@code bootstrap}. */
    static void describe(FixtureInit.Created created, JsonObject.Builder json, List<String> text) {
        json.put("run_id", created.runId())
                .put("fixture_name", created.fixtureName())
                .put("fixture_dir", created.fixtureDir())
                .put("runpack_path", created.runpackPath())
                .put("config_path", created.configPath());
        text.addAll(List.of(
                "run_id=" + created.runId(),
                "fixture_name=" + created.fixtureName(),
                "fixture_dir=" + created.fixtureDir(),
                "runpack_path=" + created.runpackPath(),
                "config_path=" + created.configPath()));
    }
}
