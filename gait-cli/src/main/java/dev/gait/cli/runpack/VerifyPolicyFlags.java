package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.keys.KeySourceFlags;
import dev.gait.cli.keys.SigningKeys;
import java.util.List;

/**
 * How a command that checks a runpack treats signatures. By default a verified signature is
 * required, with the keys named on the command line or else the user's local key;
 * {@code --allow-unsigned} accepts a pack whose signature is missing or cannot be checked;
 * {@code --profile strict} requires an explicitly named key.
 */
public record VerifyPolicyFlags(Flag<String> profile, Flag<Boolean> requireSignature, Flag<Boolean> allowUnsigned,
                         KeySourceFlags keys) {

    public record Policy(List<byte[]> trustedKeys, boolean requireSignature) {}

    public static VerifyPolicyFlags declare(FlagSet flags) {
        return new VerifyPolicyFlags(
                flags.choice("profile", "standard", "standard, or strict: also require an explicitly named trusted key",
                        "standard", "strict"),
                flags.bool("require-signature", true, "require a verified signature (the default; kept for Gait v1 scripts)"),
                flags.bool("allow-unsigned", false,
                        "accept a pack whose signature is missing or cannot be checked (integrity is still verified)"),
                KeySourceFlags.declare(flags));
    }

    public Policy resolve(Invocation invocation) {
        boolean strict = profile.get().equals("strict");
        if (strict && allowUnsigned.get()) {
            throw new UsageException("--profile strict cannot be combined with --allow-unsigned");
        }
        List<byte[]> trusted = SigningKeys.trustedKeys(invocation, keys, !strict);
        if (strict && trusted.isEmpty()) {
            throw new UsageException("--profile strict requires --public-key, --public-key-env, --private-key or --private-key-env");
        }
        return new Policy(trusted, strict || (requireSignature.get() && !allowUnsigned.get()));
    }
}
