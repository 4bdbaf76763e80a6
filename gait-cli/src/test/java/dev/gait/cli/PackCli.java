package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The CLI in a test's directory, with a home of its own (so a local key of its own) and the demo run recorded. */
final class PackCli {
    private final CliRunner cli;

    PackCli(Path dir) {
        cli = new CliRunner(dir, Map.of("HOME", dir.resolve("home").toString()), Clock.systemUTC());
        assertThat(cli.run("demo").exitCode()).isZero();
    }

    CliRunner.Result run(String... args) {
        return cli.run(args);
    }

    /** {@code pack build <args> --json}, which must succeed; its output envelope. */
    JsonObject build(String... args) {
        CliRunner.Result result = cli.run(with(List.of("pack", "build", "--json"), args));
        assertThat(result.exitCode()).as(result.stdout()).isZero();
        return result.json();
    }

    /** {@code pack verify <pack> --json <args>}. */
    CliRunner.Result verify(String pack, String... args) {
        return cli.run(with(List.of("pack", "verify", pack, "--json"), args));
    }

    private static String[] with(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
