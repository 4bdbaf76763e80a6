package dev.gait.cli.gate;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.output.Output;
import dev.gait.core.gate.ApprovalTokenMint;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.Signer;
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
        TokenMinting.require(List.of(flags.intentDigest(), flags.policyDigest(), flags.ttl(), flags.scope(), flags.approver(),
                flags.reasonCode()));
        Signer signer = TokenMinting.signer(invocation, flags.keyMode(), flags.privateKey());
        JsonObject token = ApprovalTokenMint.mint(new ApprovalTokenMint.Request(flags.approver().get(), flags.reasonCode().get(),
                flags.intentDigest().get().strip(), flags.policyDigest().get().strip(), flags.delegationBindingDigest().get(),
                Arrays.asList(flags.scope().get().split(",")), flags.maxTargets().get(), flags.maxOps().get(), TokenMinting.ttl(flags.ttl()),
                OffsetDateTime.ofInstant(invocation.clock().instant(), ZoneOffset.UTC)), signer);
        return TokenMinting.write(invocation, output, token, flags.out(), "approval");
    }
}
