package dev.gait.cli.regress;

import dev.gait.cli.Invocation;
import dev.gait.core.error.ExitCode;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.json.JsonObject;
import dev.gait.core.regress.JUnitReport;
import dev.gait.core.regress.Regress;
import dev.gait.core.regress.RegressConfig;
import dev.gait.core.regress.RegressResult;
import dev.gait.core.version.GaitVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * One regress run for {@code run} and {@code bootstrap}: grade the configured fixtures, write the
 * result (and the JUnit report when asked), and describe the outcome. Exit 0 on a pass, 5 on a fail.
 */
final class RegressRun {
    private static final String DEFAULT_OUTPUT = "regress_result.json";

    private final RegressResult result;
    private final String config;
    private final String output;
    private final String junit;

    private RegressRun(RegressResult result, String config, String output, String junit) {
        this.result = result;
        this.config = config;
        this.output = output;
        this.junit = junit;
    }

    static RegressRun execute(Invocation invocation, RunFlags flags) {
        String config = flags.config().get().strip();
        String output = flags.output().get().strip().isEmpty() ? DEFAULT_OUTPUT : flags.output().get().strip();
        String junit = flags.junit().get().strip();
        RegressResult result = Regress.run(invocation.workingDirectory(),
                invocation.resolve(config.isEmpty() ? RegressConfig.FILE_NAME : config),
                new Regress.Options(flags.contextConformance().get(), flags.allowContextRuntimeDrift().get()),
                GaitVersion.current());
        AtomicFiles.write(invocation.resolve(output), result.toBytes());
        if (!junit.isEmpty()) {
            AtomicFiles.write(invocation.resolve(junit), JUnitReport.render(result));
        }
        return new RegressRun(result, config, output, junit);
    }

    boolean passed() {
        return result.passed();
    }

    ExitCode exitCode() {
        return passed() ? ExitCode.OK : ExitCode.REGRESS_FAILED;
    }

    /** Adds the run's members (empty ones omitted) and text lines. */
    void describe(JsonObject.Builder json, List<String> text) {
        List<String> artifacts = new ArrayList<>(List.of(output));
        if (!junit.isEmpty()) {
            artifacts.add(junit);
        }
        String next = passed() ? "" : nextCommand();
        json.put("status", result.status())
                .putOmitEmpty("fixture_set", result.fixtureSet())
                .putOmitEmpty("graders", result.graders().size())
                .putOmitEmpty("failed", result.failed())
                .putOmitEmpty("top_failure_reason", result.topFailureReason())
                .putOmitEmpty("next_command", next)
                .putStrings("artifact_paths", artifacts)
                .put("output", output)
                .putOmitEmpty("junit", junit);
        text.addAll(List.of(
                "status=" + result.status(),
                "fixture_set=" + result.fixtureSet(),
                "graders=" + result.graders().size(),
                "failed=" + result.failed()));
        if (!passed()) {
            text.addAll(List.of("top_failure_reason=" + result.topFailureReason(), "next_command=" + next));
        }
        text.add("output=" + output);
        if (!junit.isEmpty()) {
            text.add("junit=" + junit);
        }
    }

    private String nextCommand() {
        return config.isEmpty() || config.equals(RegressConfig.FILE_NAME)
                ? "gait regress run --json"
                : "gait regress run --config " + config + " --json";
    }
}
