package dev.gait.cli.gate;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.gate.PolicyTest;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.gate.policy.PolicyTemplates;
import dev.gait.core.gate.policy.PolicyYaml;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@code gait policy init|validate|test|simulate|fmt}: write, check, try and tidy policies. */
public final class PolicyCommands {

    private PolicyCommands() {}

    public static CommandFamily family() {
        return new CommandFamily("policy", "Write, check and try gate policies.",
                "policy writes policies from templates, validates them, and shows what a policy decides for an intent.",
                List.<Command>of(new Init(), new Validate(), new Test(), new PolicySimulateCommand(), new Fmt()));
    }

    public static Policy load(Invocation invocation, String file) {
        return load(invocation.resolve(file), file);
    }

    /** Reads and parses a policy file; {@code name} is how errors refer to it. */
    public static Policy load(Path path, String name) {
        return Policy.parse(new String(InputFiles.read(path, InputFiles.DEFAULT_MAX_BYTES), StandardCharsets.UTF_8), name);
    }

    static JsonObject loadIntent(Invocation invocation, String file) {
        byte[] bytes = file.equals("-")
                ? InputFiles.readBounded(invocation.in(), InputFiles.DEFAULT_MAX_BYTES, "standard input")
                : InputFiles.read(invocation.resolve(file), InputFiles.DEFAULT_MAX_BYTES);
        return JsonReader.lenient().readObject(bytes);
    }

    private static final class Init extends LeafCommand<Init.Flags> {
        record Flags(Flag<String> out, Flag<Boolean> force) {}

        Init() {
            super("init", "Write a policy from an embedded template (" + String.join(", ", PolicyTemplates.NAMES) + ").",
                    "policy init writes one of the embedded policy templates as a starting point.", "<template>", 1);
        }

        @Override
        protected Flags declare(FlagSet flags) {
            return new Flags(flags.string("out", "gait.policy.yaml", "where to write the policy"),
                    flags.bool("force", false, "overwrite an existing file"));
        }

        @Override
        protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
            if (positionals.isEmpty()) {
                throw new UsageException("missing template: one of " + String.join(", ", PolicyTemplates.NAMES));
            }
            String template = PolicyTemplates.resolve(positionals.getFirst());
            AtomicFiles.write(invocation.resolve(flags.out().get()), PolicyTemplates.text(template).getBytes(StandardCharsets.UTF_8),
                    flags.force().get());
            String next = "gait policy validate " + flags.out().get();
            return output.success(JsonObject.builder()
                    .put("template", template)
                    .put("policy_path", flags.out().get())
                    .putStrings("next_commands", List.of(next))
                    .build(), List.of("template=" + template, "policy_path=" + flags.out().get(), "next=" + next));
        }
    }

    private static final class Validate extends LeafCommand<Void> {
        Validate() {
            super("validate", "Parse a policy strictly and print its digest.",
                    "policy validate parses a policy strictly, normalises it and prints its digest.", "<policy.yaml>", 1);
        }

        @Override
        protected Void declare(FlagSet flags) {
            return null;
        }

        @Override
        protected int execute(Invocation invocation, Output output, Void flags, List<String> positionals) {
            if (positionals.isEmpty()) {
                throw new UsageException("missing policy file");
            }
            Policy policy = load(invocation, positionals.getFirst());
            String digest = policy.digest();
            String summary = "policy ok: default_verdict=" + policy.defaultVerdict() + " rules=" + policy.rules().size();
            return output.success(JsonObject.builder()
                    .put("schema_id", Policy.SCHEMA_ID)
                    .put("schema_version", Policy.SCHEMA_VERSION)
                    .put("policy_digest", digest)
                    .put("default_verdict", policy.defaultVerdict())
                    .put("rule_count", policy.rules().size())
                    .put("summary", summary)
                    .build(), List.of(summary, "policy_digest=" + digest));
        }
    }

    private static final class Fmt extends LeafCommand<Flag<Boolean>> {
        Fmt() {
            super("fmt", "Print a policy in normalised form (rules sorted, defaults explicit); --write replaces the file.",
                    "policy fmt rewrites a policy in its normalised form, which parses to the same policy and digest.",
                    "<policy.yaml>", 1);
        }

        @Override
        protected Flag<Boolean> declare(FlagSet flags) {
            return flags.bool("write", false, "replace the file with the formatted policy");
        }

        @Override
        protected int execute(Invocation invocation, Output output, Flag<Boolean> write, List<String> positionals) {
            if (positionals.isEmpty()) {
                throw new UsageException("missing policy file");
            }
            String file = positionals.getFirst();
            Path path = invocation.resolve(file);
            String original = new String(InputFiles.read(path, InputFiles.DEFAULT_MAX_BYTES), StandardCharsets.UTF_8);
            Policy policy = Policy.parse(original, file);
            String formatted = PolicyYaml.format(policy);
            boolean changed = !formatted.equals(original);
            if (write.get() && changed) {
                AtomicFiles.write(path, formatted.getBytes(StandardCharsets.UTF_8));
            }
            JsonObject json = JsonObject.builder()
                    .put("path", file)
                    .put("written", write.get() && changed)
                    .put("changed", changed)
                    .put("policy_digest", policy.digest())
                    .put("default_verdict", policy.defaultVerdict())
                    .put("rule_count", policy.rules().size())
                    .put("formatted", formatted)
                    .build();
            if (output.json()) {
                return output.success(json, List.of());
            }
            invocation.out().print(formatted);
            return 0;
        }
    }

    private static final class Test extends LeafCommand<Void> {
        Test() {
            super("test", "Evaluate one intent against a policy, without approvals, rate limits or signing.",
                    "policy test shows what a policy decides for one intent, without the gate's runtime stages.", "<policy.yaml> <intent.json|->", 2);
        }

        @Override
        protected Void declare(FlagSet flags) {
            return null;
        }

        @Override
        protected int execute(Invocation invocation, Output output, Void flags, List<String> positionals) {
            if (positionals.size() != 2) {
                throw new UsageException("policy test needs a policy and an intent");
            }
            PolicyTest.Result result = PolicyTest.run(load(invocation, positionals.get(0)), loadIntent(invocation, positionals.get(1)),
                    invocation.clock().instant());
            String summary = PolicyTest.summary(result.decision());
            return output.result(true, result.decision().verdict().exitCode(),
                    result.json().toBuilder().put("summary", summary).build(), List.of(summary));
        }
    }
}
