package dev.gait.cli.onboarding;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.gate.PolicyCommands;
import dev.gait.cli.output.Output;
import dev.gait.core.config.OssProdProfile;
import dev.gait.core.config.ProjectConfig;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.onboarding.ReadinessFinding;
import dev.gait.core.onboarding.ReadinessFindings;
import dev.gait.core.onboarding.StarterPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gait check [--policy P]}: validates the project setup (the policy, and {@code .gait/config.yaml}
 * when present) and reports findings against what the repository shows. Exit 6 for an invalid policy
 * or configuration; otherwise 0, whatever the findings.
 */
public final class CheckCommand extends LeafCommand<CheckCommand.Flags> {

    record Flags(Flag<String> policy, Flag<String> config) {}

    public CheckCommand() {
        super("check", "Validate the repo policy and project defaults, and report gaps against local tool names.",
                "check validates the repo policy and project defaults, then reports readiness findings against local repo signals without changing anything.",
                "[policy.yaml]", 1);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("policy", "", "repo policy (default: gate.policy from the project defaults, else " + StarterPolicy.REPO_POLICY_PATH + ")"),
                flags.string("config", ProjectConfig.DEFAULT_PATH, "project defaults to validate when present"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (flags.policy().isSet() && !positionals.isEmpty()) {
            throw new UsageException("give the policy either as --policy or as an argument, not both");
        }
        Path configFile = invocation.resolve(flags.config().get());
        ProjectConfig config = Files.exists(configFile) ? ProjectConfig.load(configFile) : null;
        String policyPath = policyPath(flags, positionals, config);
        Policy policy = PolicyCommands.load(invocation, policyPath);
        RepoSurface surface = RepoSurface.scan(invocation.workingDirectory());
        List<ReadinessFinding> findings = new ArrayList<>(ReadinessFindings.of(policy, surface.detection(), surface.signals()));
        findings.addAll(configFindings(config, policy));
        List<String> gapWarnings = findings.stream().map(ReadinessFinding::summary).toList();
        String summary = "policy ok: default_verdict=" + policy.defaultVerdict() + " rules=" + policy.rules().size()
                + " findings=" + findings.size() + " gap_warnings=" + gapWarnings.size();
        List<String> next = List.of("gait policy validate " + policyPath + " --json", "gait doctor --json", "gait demo --json");
        JsonObject.Builder result = JsonObject.builder()
                .put("policy_path", policyPath)
                .put("default_verdict", policy.defaultVerdict())
                .putOmitEmpty("rule_count", policy.rules().size())
                .putOmitEmpty("config_path", config == null ? "" : flags.config().get())
                .put("contract", StarterPolicy.contract(ProjectConfig.DEFAULT_PATH))
                .putOmitEmpty("findings", new JsonArray(findings.stream().<JsonValue>map(ReadinessFinding::toJson).toList()))
                .putStringsOmitEmpty("gap_warnings", gapWarnings)
                .putStrings("next_commands", next)
                .put("summary", summary);
        List<String> lines = new ArrayList<>(List.of(
                "check ok: policy=" + policyPath + " rules=" + policy.rules().size() + " warnings=" + gapWarnings.size()));
        findings.forEach(finding -> lines.add("- " + finding.code() + ": " + finding.summary()));
        lines.add(summary);
        return output.success(surface.addTo(result).build(), lines);
    }

    /** {@code --policy}, else the argument, else the project's {@code gate.policy}, else {@code .gait.yaml}. */
    private static String policyPath(Flags flags, List<String> positionals, ProjectConfig config) {
        if (flags.policy().isSet()) {
            if (flags.policy().get().isBlank()) {
                throw new UsageException("--policy must not be empty");
            }
            return flags.policy().get().strip();
        }
        if (!positionals.isEmpty()) {
            return positionals.getFirst();
        }
        return config != null && !config.gate().policy().isEmpty() ? config.gate().policy() : StarterPolicy.REPO_POLICY_PATH;
    }

    /** Findings about the project defaults: none yet, or an oss-prod profile that would refuse this policy. */
    private static List<ReadinessFinding> configFindings(ProjectConfig config, Policy policy) {
        if (config == null) {
            return List.of(new ReadinessFinding("config.missing", "info",
                    "no " + ProjectConfig.DEFAULT_PATH + "; gate eval runs with flag defaults only", "project.config",
                    "write project defaults with `gait init --config-only`", List.of()));
        }
        if (!config.gate().profile().equals(OssProdProfile.NAME)) {
            return List.of();
        }
        List<String> problems = OssProdProfile.policyProblems(policy, config.gate().brokerConfigured());
        return problems.isEmpty() ? List.of() : List.of(new ReadinessFinding("config.oss_prod_policy_rejected", "warning",
                "gate.profile is oss-prod, and gate eval will refuse this policy", "project.config",
                "fix the policy rules named in evidence, or configure a credential broker (gate.credential_broker)", problems));
    }
}
