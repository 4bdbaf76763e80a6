package dev.gait.cli.gate;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.output.Output;
import dev.gait.core.canon.GoTime;
import dev.gait.core.error.ExitCode;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.gate.ApprovedScripts;
import dev.gait.core.gate.IntentNormalizer;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code gait approve-script} and {@code gait list-scripts}: the approved-script registry. */
public final class ApprovedScriptCommands {

    private ApprovedScriptCommands() {}

    /** {@code gait approve-script --policy P --intent I --registry R --approver A}: signs and stores one entry. */
    public static final class Approve extends LeafCommand<Approve.Flags> {
        record Flags(Flag<String> policy, Flag<String> intent, Flag<String> registry, Flag<String> approver, Flag<String> patternId,
                     Flag<String> ttl, Flag<String> scope, Flag<String> keyMode, KeyFlagPair privateKey) {}

        public Approve() {
            super("approve-script", "Approve a script once for a policy; gate eval then lets it pass without a fresh approval.",
                    "approve-script signs a registry entry for one script (its hash and step order) under one policy digest.");
        }

        @Override
        protected Flags declare(FlagSet flags) {
            return new Flags(
                    flags.string("policy", "", "policy YAML the approval is bound to"),
                    flags.string("intent", "", "the script intent (gait.gate.intent_request with script)"),
                    flags.string("registry", "", "registry file to add the entry to (created if missing)"),
                    flags.string("approver", "", "identity of the approver"),
                    flags.string("pattern-id", "", "entry id (default pattern_<first 12 hex of the script hash>); replaces an entry with the same id"),
                    flags.string("ttl", "168h", "how long the approval lasts (Go duration)"),
                    flags.string("scope", "", "comma-separated conditions: risk:<class>, tool:script, workspace_prefix:<p>, endpoint:<class>"),
                    flags.choice("key-mode", "dev", "dev (sign with your local key) or prod (sign with --private-key)", "dev", "prod"),
                    KeyFlagPair.declare(flags, "private-key", "Gait private key that signs the entry"));
        }

        @Override
        protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
            TokenMinting.require(List.of(flags.policy(), flags.intent(), flags.registry(), flags.approver()));
            var signer = TokenMinting.signer(invocation, flags.keyMode(), flags.privateKey());
            Policy policy = Policy.parse(new String(InputFiles.read(invocation.resolve(flags.policy().get()), InputFiles.DEFAULT_MAX_BYTES),
                    StandardCharsets.UTF_8), flags.policy().get());
            var script = IntentNormalizer.normalize(JsonReader.lenient().readObject(
                    InputFiles.read(invocation.resolve(flags.intent().get()), InputFiles.DEFAULT_MAX_BYTES)));
            JsonObject entry = ApprovedScripts.sign(new ApprovedScripts.Approval(policy.digest(), script, flags.approver().get(),
                    flags.patternId().get(), Arrays.asList(flags.scope().get().split(",")), TokenMinting.ttl(flags.ttl()),
                    OffsetDateTime.ofInstant(invocation.clock().instant(), ZoneOffset.UTC)), signer);
            Path registry = invocation.resolve(flags.registry().get());
            ApprovedScripts.upsert(registry, entry, invocation.clock());
            String patternId = entry.string("pattern_id").orElseThrow();
            return output.result(true, ExitCode.OK, JsonObject.builder().put("pattern_id", patternId)
                            .put("registry", flags.registry().get()).put("script_hash", script.scriptHash())
                            .put("expires_at", entry.get("expires_at").orElseThrow()).build(),
                    List.of("pattern_id=" + patternId, "registry=" + flags.registry().get(), "script_hash=" + script.scriptHash()));
        }
    }

    /** {@code gait list-scripts --registry R}: the entries, with whether each has expired. */
    public static final class ListScripts extends LeafCommand<ListScripts.Flags> {
        record Flags(Flag<String> registry) {}

        public ListScripts() {
            super("list-scripts", "List the entries of an approved-script registry.",
                    "list-scripts prints every approved-script entry and whether it has expired.");
        }

        @Override
        protected Flags declare(FlagSet flags) {
            return new Flags(flags.string("registry", "", "the registry file"));
        }

        @Override
        protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
            TokenMinting.require(List.of(flags.registry()));
            Instant now = invocation.clock().instant();
            List<JsonValue> entries = new ArrayList<>();
            List<String> text = new ArrayList<>();
            for (JsonObject entry : ApprovedScripts.load(invocation.resolve(flags.registry().get())).entries()) {
                String expiresAt = entry.string("expires_at").orElse("");
                entries.add(JsonObject.builder().put("pattern_id", entry.string("pattern_id").orElse(""))
                        .put("approver_identity", entry.string("approver_identity").orElse(""))
                        .put("expires_at", expiresAt).put("expired", expired(expiresAt, now)).build());
                text.add(entry.string("pattern_id").orElse("") + " expired=" + expired(expiresAt, now));
            }
            text.addFirst("entries=" + entries.size());
            return output.result(true, ExitCode.OK, JsonObject.builder().put("entries", new JsonArray(entries)).build(), text);
        }

        /** A missing or malformed expiry counts as expired: such an entry never passes verification. */
        private static boolean expired(String expiresAt, Instant now) {
            try {
                return !now.isBefore(GoTime.parse(expiresAt.strip()).toInstant());
            } catch (IllegalArgumentException e) {
                return true;
            }
        }
    }
}
