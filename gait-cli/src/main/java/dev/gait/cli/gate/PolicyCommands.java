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
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@code gait policy init|validate|test|simulate}: write, check and try policies. */
public final class PolicyCommands {

    private PolicyCommands() {}

    public static CommandFamily family() {
        return new CommandFamily("policy", "Write, check and try gate policies.",
                "policy writes policies from templates, validates them, and shows what a policy decides for an intent.",
                List.<Command>of(new Init(), new Validate(), new Test(), new PolicySimulateCommand()));
    }

    static Policy load(Invocation invocation, String file) {
        Path path = invocation.resolve(file);
        return Policy.parse(new String(InputFiles.read(path, InputFiles.DEFAULT_MAX_BYTES), StandardCharsets.UTF_8), file);
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
