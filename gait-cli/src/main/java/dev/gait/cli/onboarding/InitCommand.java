package dev.gait.cli.onboarding;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.config.ConfigTemplate;
import dev.gait.core.config.GateDefaults;
import dev.gait.core.config.OssProdProfile;
import dev.gait.core.config.ProjectConfig;
import dev.gait.core.config.RetentionProfile;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.gate.policy.PolicyTemplates;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.onboarding.StarterPolicy;
import dev.gait.core.onboarding.StarterRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gait init}: writes a starter policy ({@code .gait.yaml}, from a baseline template, with
 * starter rules suggested from the repository as comments) and the project defaults
 * ({@code .gait/config.yaml}) that point {@code gate eval} at it. Existing files are kept unless
 * {@code --force}; nothing is written unless everything can be.
 */
public final class InitCommand extends LeafCommand<InitCommand.Flags> {

    record Flags(Flag<String> template, Flag<String> out, Flag<String> configOut, Flag<String> profile, Flag<String> retention,
                 Flag<Boolean> configOnly, Flag<Boolean> force) {}

    public InitCommand() {
        super("init", "Write a starter policy (.gait.yaml) and project defaults (.gait/config.yaml) for this repository.",
                "init writes a starter repo policy and the project defaults that point gate eval at it, with rule suggestions from local tool names.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("template", "baseline-highrisk", "starter template: baseline-lowrisk, baseline-mediumrisk or baseline-highrisk"),
                flags.string("out", StarterPolicy.REPO_POLICY_PATH, "where to write the policy"),
                flags.string("config-out", ProjectConfig.DEFAULT_PATH, "where to write the project defaults"),
                flags.choice("profile", "standard", "gate profile the defaults select: standard, or oss-prod (prod keys from $"
                        + ConfigTemplate.PRIVATE_KEY_ENV + ")", GateDefaults.PROFILES.toArray(String[]::new)),
                flags.choice("retention", "medium", "retention profile: short (24h traces), medium (168h) or long (720h)",
                        RetentionProfile.names().toArray(String[]::new)),
                flags.bool("config-only", false, "write only the project defaults, for an existing policy at --out"),
                flags.bool("force", false, "overwrite existing files"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        String template = PolicyTemplates.resolve(flags.template().get());
        if (!template.startsWith("baseline-")) {
            throw new UsageException("init starts from a baseline template: baseline-lowrisk, baseline-mediumrisk or baseline-highrisk");
        }
        String policyPath = required(flags.out(), "--out");
        String configPath = required(flags.configOut(), "--config-out");
        boolean configOnly = flags.configOnly().get();
        if (configOnly && !Files.isRegularFile(invocation.resolve(policyPath))) {
            throw new UsageException("--config-only: no policy at " + policyPath + " (run gait init without --config-only to write one)");
        }
        RepoSurface surface = RepoSurface.scan(invocation.workingDirectory());
        Map<String, String> files = new LinkedHashMap<>();
        if (!configOnly) {
            files.put(policyPath, StarterPolicy.render(PolicyTemplates.text(template), surface.detection(), surface.signals(), configPath));
        }
        files.put(configPath, ConfigTemplate.render(policyPath, flags.profile().get(), RetentionProfile.parse(flags.retention().get())));
        for (String file : files.keySet()) {
            if (!flags.force().get() && Files.exists(invocation.resolve(file))) {
                throw new UsageException("output path already exists (use --force to overwrite): " + file);
            }
        }
        files.forEach((file, text) -> AtomicFiles.write(invocation.resolve(file), text.getBytes(StandardCharsets.UTF_8), flags.force().get()));

        List<String> next = new ArrayList<>(List.of("gait check --policy " + policyPath + " --json",
                "gait policy validate " + policyPath + " --json", "gait doctor --json"));
        if (flags.profile().get().equals(OssProdProfile.NAME)) {
            next.add("gait doctor --production-readiness --json");
        }
        JsonObject.Builder result = JsonObject.builder()
                .put("template", template)
                .put("policy_path", policyPath)
                .put("config_path", configPath)
                .put("profile", flags.profile().get())
                .put("retention_profile", flags.retention().get())
                .putStrings("written_paths", List.copyOf(files.keySet()))
                .putOmitEmpty("generated_rules", new JsonArray(surface.signals().starterRules().stream().<JsonValue>map(StarterRule::toJson).toList()))
                .put("contract", StarterPolicy.contract(configPath))
                .putStrings("next_commands", next);
        List<String> lines = new ArrayList<>(List.of("init ok: policy=" + policyPath + " template=" + template,
                "config=" + configPath + " profile=" + flags.profile().get() + " retention=" + flags.retention().get(),
                "written=" + String.join(",", files.keySet())));
        if (!surface.detection().frameworks().isEmpty()) {
            lines.add("detected frameworks: " + String.join(", ", surface.detection().frameworks()));
        }
        lines.add("next=" + String.join(",", next));
        return output.success(surface.addTo(result).build(), lines);
    }

    private static String required(Flag<String> flag, String name) {
        String value = flag.get().strip();
        if (value.isEmpty()) {
            throw new UsageException(name + " must not be empty");
        }
        return value;
    }
}
