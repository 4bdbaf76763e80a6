package dev.gait.cli.gate;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.keys.SigningKeys;
import dev.gait.cli.output.Output;
import dev.gait.core.canon.GoDuration;
import dev.gait.core.canon.JsonWriter;
import dev.gait.core.error.ExitCode;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.gate.ApprovalTokenMint;
import dev.gait.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * {@code gait approve}: mints a signed approval token for one intent under one policy, which
 * {@code gate eval --approval-token} accepts for a {@code require_approval} verdict.
 */
public final class ApproveCommand extends LeafCommand<ApproveCommand.Flags> {

    record Flags(Flag<String> intentDigest, Flag<String> policyDigest, Flag<String> delegationBindingDigest, Flag<String> ttl,
                 Flag<String> scope, Flag<String> approver, Flag<String> reasonCode, Flag<Long> maxTargets, Flag<Long> maxOps,
                 Flag<String> out, Flag<String> keyMode, KeyFlagPair privateKey) {}

    public ApproveCommand() {
        super("approve", "Mint a signed approval token for one intent under one policy.",
                "approve mints a signed approval token (gait.gate.approval_token) bound to an intent digest and a policy digest.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("intent-digest", "", "the intent_digest that gate eval reported"),
                flags.string("policy-digest", "", "the policy_digest that gate eval reported"),
                flags.string("delegation-binding-digest", "", "digest of the intent's delegation, when it has one"),
                flags.string("ttl", "", "how long the token is valid (Go duration, for example 15m)"),
                flags.string("scope", "", "comma-separated scope, for example tool:tool.write,phase:apply"),
                flags.string("approver", "", "identity of the approver"),
                flags.string("reason-code", "", "why the call is approved"),
                flags.integer("max-targets", 0, "the most targets the call may touch (0: no limit)"),
                flags.integer("max-ops", 0, "the most operations the call may run (0: no limit)"),
                flags.string("out", "", "where to write the token (default approval_<token_id>.json)"),
                flags.choice("key-mode", "dev", "dev (sign with your local key) or prod (sign with --private-key)", "dev", "prod"),
                KeyFlagPair.declare(flags, "private-key", "Gait private key that signs the token"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        for (Flag<String> required : List.of(flags.intentDigest(), flags.policyDigest(), flags.ttl(), flags.scope(), flags.approver(),
                flags.reasonCode())) {
            if (required.get().isBlank()) {
                throw new UsageException("missing required --" + required.name());
            }
        }
        if (flags.keyMode().get().equals("prod") && flags.privateKey().source(invocation).isEmpty()) {
            throw new UsageException("--key-mode prod requires --private-key or --private-key-env");
        }
        Duration ttl;
        try {
            ttl = GoDuration.parse(flags.ttl().get().strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ttl: " + e.getMessage());
        }
        JsonObject token = ApprovalTokenMint.mint(new ApprovalTokenMint.Request(flags.approver().get(), flags.reasonCode().get(),
                flags.intentDigest().get().strip(), flags.policyDigest().get().strip(), flags.delegationBindingDigest().get(),
                Arrays.asList(flags.scope().get().split(",")), flags.maxTargets().get(), flags.maxOps().get(), ttl,
                OffsetDateTime.ofInstant(invocation.clock().instant(), ZoneOffset.UTC)),
                SigningKeys.signer(invocation, flags.privateKey()));
        String tokenId = token.string("token_id").orElseThrow();
        String path = flags.out().get().isBlank() ? "approval_" + tokenId + ".json" : flags.out().get();
        AtomicFiles.write(invocation.resolve(path), (JsonWriter.GO_STRUCT_INDENTED.write(token) + "\n").getBytes(StandardCharsets.UTF_8));
        JsonObject json = JsonObject.builder()
                .put("token_id", tokenId)
                .put("token_path", path)
                .put("expires_at", token.get("expires_at").orElseThrow())
                .put("key_id", token.object("signature").orElseThrow().get("key_id").orElseThrow())
                .build();
        return output.result(true, ExitCode.OK, json, List.of("token_id=" + tokenId, "token_path=" + path,
                "expires_at=" + token.string("expires_at").orElseThrow()));
    }
}
