package dev.gait.cli.gate;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.keys.KeySourceFlags;
import dev.gait.cli.keys.SigningKeys;
import dev.gait.cli.output.Output;
import dev.gait.core.error.ExitCode;
import dev.gait.core.gate.DelegationCheck;
import dev.gait.core.gate.DelegationTokenMint;
import dev.gait.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** {@code gait delegate mint|verify}: signed delegation tokens that {@code gate eval --delegation-token} accepts. */
public final class DelegateCommands {

    private DelegateCommands() {}

    public static CommandFamily family() {
        return new CommandFamily("delegate", "Mint signed delegation tokens.",
                "delegate mints signed delegation tokens: one identity lets another act for it within a scope, until the token expires.",
                List.<Command>of(new Mint(), new Verify()));
    }

    static final class Mint extends LeafCommand<Mint.Flags> {
        record Flags(Flag<String> delegator, Flag<String> delegate, Flag<String> scope, Flag<String> scopeClass, Flag<String> intentDigest,
                     Flag<String> policyDigest, Flag<String> ttl, Flag<String> out, Flag<String> keyMode, KeyFlagPair privateKey) {}

        Mint() {
            super("mint", "Mint a signed delegation token from a delegator to a delegate.",
                    "delegate mint writes a signed gait.gate.delegation_token, optionally pinned to one intent and one policy digest.");
        }

        @Override
        protected Flags declare(FlagSet flags) {
            return new Flags(
                    flags.string("delegator", "", "identity that delegates"),
                    flags.string("delegate", "", "identity that may act for the delegator"),
                    flags.string("scope", "", "comma-separated scope, for example write"),
                    flags.string("scope-class", "", "scope class of the delegation"),
                    flags.string("intent-digest", "", "pin the token to this intent digest"),
                    flags.string("policy-digest", "", "pin the token to this policy digest"),
                    flags.string("ttl", "", "how long the token is valid (Go duration, for example 1h)"),
                    flags.string("out", "", "where to write the token (default delegation_<token_id>.json)"),
                    flags.choice("key-mode", "dev", "dev (sign with your local key) or prod (sign with --private-key)", "dev", "prod"),
                    KeyFlagPair.declare(flags, "private-key", "Gait private key that signs the token"));
        }

        @Override
        protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
            TokenMinting.require(List.of(flags.delegator(), flags.delegate(), flags.scope(), flags.ttl()));
            var signer = TokenMinting.signer(invocation, flags.keyMode(), flags.privateKey());
            JsonObject token = DelegationTokenMint.mint(new DelegationTokenMint.Request(flags.delegator().get(), flags.delegate().get(),
                    Arrays.asList(flags.scope().get().split(",")), flags.scopeClass().get(), flags.intentDigest().get(),
                    flags.policyDigest().get(), TokenMinting.ttl(flags.ttl()),
                    OffsetDateTime.ofInstant(invocation.clock().instant(), ZoneOffset.UTC)), signer);
            return TokenMinting.write(invocation, output, token, flags.out(), "delegation");
        }
    }

    static final class Verify extends LeafCommand<Verify.Flags> {
        record Flags(Flag<String> token, KeySourceFlags keys) {}

        Verify() {
            super("verify", "Check a delegation token's form, signature and expiry (exit 0 valid, 2 not).",
                    "delegate verify checks that a delegation token is well formed, signed by a trusted key and not expired.");
        }

        @Override
        protected Flags declare(FlagSet flags) {
            return new Flags(flags.string("token", "", "the delegation token file"), KeySourceFlags.declare(flags));
        }

        @Override
        protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
            TokenMinting.require(List.of(flags.token()));
            List<JsonObject> tokens = TokenFiles.load(invocation, flags.token().get(), "");
            if (tokens.size() != 1) {
                throw new UsageException("--token names exactly one token file");
            }
            String error = DelegationCheck.tokenError(tokens.getFirst(), SigningKeys.trustedKeys(invocation, flags.keys(), true),
                    invocation.clock().instant());
            JsonObject token = tokens.getFirst() == null ? JsonObject.EMPTY : tokens.getFirst();
            JsonObject json = JsonObject.builder()
                    .put("valid", error.isEmpty())
                    .putOmitEmpty("token_id", token.string("token_id").orElse(""))
                    .putOmitEmpty("delegator_identity", token.string("delegator_identity").orElse(""))
                    .putOmitEmpty("delegate_identity", token.string("delegate_identity").orElse(""))
                    .putOmitEmpty("expires_at", token.string("expires_at").orElse(""))
                    .putOmitEmpty("error_code", error)
                    .build();
            return output.result(error.isEmpty(), error.isEmpty() ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, json,
                    List.of("valid=" + error.isEmpty(), error.isEmpty() ? "token_id=" + token.string("token_id").orElse("") : "error_code=" + error));
        }
    }
}
