package dev.gait.cli.fleet;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.bundle.BundleRejectedException;
import dev.gait.core.bundle.FleetBundle;
import dev.gait.core.bundle.FleetRelease;
import dev.gait.core.bundle.TrustedKey;
import dev.gait.core.canon.GoTime;
import dev.gait.core.error.ExitCode;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonObject;
import java.util.List;

/**
 * {@code gait verify fleet-bundle <file>} and {@code gait verify fleet-release <file>}: verify a
 * fleet bundle or release offline against the control plane's public key, and show what it holds.
 * Exit 0 when it verifies, 2 with the reason code when it does not.
 */
public final class VerifyFleetDocumentCommand extends LeafCommand<VerifyFleetDocumentCommand.Flags> {

    record Flags(Flag<String> fleetTrust, Flag<String> fleetEnvironment) {}

    private final boolean bundle;

    private VerifyFleetDocumentCommand(boolean bundle, String name, String summary, String description) {
        super(name, summary, description, "<file>", 1);
        this.bundle = bundle;
    }

    public static VerifyFleetDocumentCommand bundle() {
        return new VerifyFleetDocumentCommand(true, "fleet-bundle", "Verify a fleet environment bundle (gait.fleet.bundle) offline.",
                "verify fleet-bundle checks a bundle's canonical form, its signature by the control plane's key, its content digests,\n"
                        + "its environment (with --fleet-environment) and its approved-script entries, and prints what it carries.");
    }

    public static VerifyFleetDocumentCommand release() {
        return new VerifyFleetDocumentCommand(false, "fleet-release", "Verify a fleet release (gait.fleet.release) offline.",
                "verify fleet-release checks a release's canonical form, its signature by the control plane's key and its policy digest,\n"
                        + "and prints its content address (digest) and provenance.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(flags.string("fleet-trust", "", "the control plane's public key file(s), comma-separated"),
                flags.string("fleet-environment", "", "fleet-bundle: the environment the bundle must be for (default: any)"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (positionals.isEmpty()) {
            throw new UsageException("missing the file to verify");
        }
        String path = positionals.getFirst();
        List<byte[]> keys = CachedBundle.trustedKeys(invocation, "fleet-trust", flags.fleetTrust().get());
        byte[] bytes = InputFiles.read(invocation.resolve(path), InputFiles.DEFAULT_MAX_BYTES);
        JsonObject.Builder json = JsonObject.builder().put("path", path);
        try {
            if (bundle) {
                describe(json, FleetBundle.verify(bytes, keys, FleetBundle.Expectation.first("", flags.fleetEnvironment().get().strip())));
            } else {
                describe(json, FleetRelease.verify(bytes, keys));
            }
        } catch (BundleRejectedException e) {
            json.put("reason_code", e.reason().code()).put("error", e.getMessage());
            return output.result(false, ExitCode.VERIFICATION_FAILED, json.build(), List.of("verify failed: " + path + ": " + e.getMessage()));
        }
        JsonObject result = json.build();
        return output.result(true, ExitCode.OK, result, List.of("verify ok: " + path, "digest=" + result.string("digest").orElseThrow()));
    }

    private static void describe(JsonObject.Builder json, FleetBundle.Verified bundle) {
        json.put("digest", bundle.digest())
                .put("org", bundle.org())
                .put("environment", bundle.environment())
                .put("sequence", bundle.sequence())
                .put("release_digest", bundle.releaseDigest())
                .put("rollback", bundle.rollback())
                .put("policy_digest", bundle.content().policy().digest())
                .put("approved_scripts", bundle.content().approvedScripts().size())
                .put("kill_switch", bundle.content().killSwitch() != null)
                .putStrings("trusted_key_ids", bundle.trustedKeys().stream().map(TrustedKey::keyId).toList())
                .put("least_privilege", bundle.leastPrivilege())
                .put("issued_at", GoTime.format(bundle.issuedAt()));
    }

    private static void describe(JsonObject.Builder json, FleetRelease.Verified release) {
        json.put("digest", release.digest())
                .put("policy_digest", release.content().policy().digest())
                .put("approved_scripts", release.content().approvedScripts().size())
                .put("kill_switch", release.content().killSwitch() != null)
                .put("author", release.provenance().author())
                .put("source", release.provenance().source())
                .put("created_at", GoTime.format(release.provenance().createdAt()));
    }
}
