package dev.gait.cli.serve;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.fleet.CachedBundle;
import dev.gait.cli.gate.TokenFiles;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.output.Output;
import dev.gait.core.canon.GoDuration;
import dev.gait.core.digest.Ids;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.KeySource;
import dev.gait.core.sign.LocalKeyStore;
import dev.gait.serve.Decider;
import dev.gait.serve.Sidecar;
import dev.gait.serve.SidecarOptions;
import dev.gait.serve.fleet.FleetOptions;
import dev.gait.serve.http.Hosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code gait serve}: the local decision sidecar. It prints where it listens once it serves, then
 * runs until it is stopped. Only this command loads the HTTP server's classes.
 */
public final class ServeCommand extends LeafCommand<ServeCommand.Flags> {

    record Flags(Flag<String> policy, Flag<String> listen, KeyFlagPair privateKey, Flag<String> killSwitchState, Flag<String> traceDir,
                 Flag<String> traceLog, Flag<String> traceLogSync, Flag<String> rateLimitState, Flag<String> authTokenEnv, Flag<Long> maxBodyBytes, Flag<Long> maxRps,
                 Flag<String> reloadSettle, Flag<String> pollInterval, Flag<String> auditDir, KeyFlagPair approvalPublicKey,
                 KeyFlagPair approvalPrivateKey, KeyFlagPair delegationPublicKey, KeyFlagPair delegationPrivateKey,
                 Flag<String> fleet, Flag<String> fleetOrg, Flag<String> fleetEnvironment,
                 Flag<String> fleetCredentialEnv, Flag<String> fleetTrust, Flag<String> fleetCache, Flag<String> fleetWait, Flag<String> fleetEnforcementPoint,
                 Flag<Boolean> fleetAllowHttp) {}

    public ServeCommand() {
        super("serve", "Run the local decision sidecar: the gate over HTTP (native and OpenID AuthZEN APIs).",
                "serve runs a local HTTP decision sidecar that decides tool calls with gate eval's core and signs a trace for each, reloading its policy when the file changes.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("policy", "", "policy YAML (gait.gate.policy); reloaded when the file changes"),
                flags.string("listen", "127.0.0.1:8787", "HOST:PORT to listen on (port 0: any free port); non-loopback needs --auth-token-env"),
                KeyFlagPair.declare(flags, "private-key", "Gait private key that signs traces (default: your local key)"),
                flags.string("kill-switch-state", "", "kill-switch state (gait.gate.kill_switch_state); reloaded when the file changes"),
                flags.string("trace-dir", ".gait-out/traces", "directory for one signed trace file per decision"),
                flags.string("trace-log", "", "append signed traces to this one JSON-lines file instead of one file per decision"),
                flags.string("trace-log-sync", "every", "with --trace-log: every (sync each record before answering) or a duration (sync at least that often)"),
                flags.string("rate-limit-state", ".gait-out/gate_rate_limits.json", "shared rate-limit state file of the policy's budgets"),
                flags.string("auth-token-env", "", "environment variable holding the bearer token every request must carry"),
                flags.integer("max-body-bytes", 1 << 20, "largest request body accepted (413 above)"),
                flags.integer("max-rps", 50_000, "decision requests per second before 429 (0: no limit)"),
                flags.string("reload-settle", "100ms", "how long a changed file must stay unchanged before it is read"),
                flags.string("poll-interval", "1s", "how often changed files are reloaded between requests"),
                flags.string("audit-dir", ".gait-out/audits", "directory for the approval and delegation audit records of decisions with tokens"),
                KeyFlagPair.declare(flags, "approval-public-key", "public key that verifies approval tokens (default: the trace key)"),
                KeyFlagPair.declare(flags, "approval-private-key", "private key whose public half verifies approval tokens"),
                KeyFlagPair.declare(flags, "delegation-public-key", "public key that verifies delegation tokens (default: approval key, then trace key)"),
                KeyFlagPair.declare(flags, "delegation-private-key", "private key whose public half verifies delegation tokens"),
                flags.string("fleet", "", "control plane URL: enforce its signed bundle for --fleet-environment instead of --policy"),
                flags.string("fleet-org", "", "with --fleet: the organisation bundles must be for (default: the first verified bundle's)"),
                flags.string("fleet-environment", "", "with --fleet: the environment whose bundle this sidecar enforces"),
                flags.string("fleet-credential-env", "", "with --fleet: environment variable holding this enforcement point's bearer credential"),
                flags.string("fleet-trust", "", "with --fleet: the control plane's public key file(s), comma-separated"),
                flags.string("fleet-cache", ".gait-out/fleet", "with --fleet: directory of the last known good bundle (bundle.json)"),
                flags.string("fleet-wait", "30s", "with --fleet: how long the control plane may hold a poll when nothing changed"),
                flags.string("fleet-enforcement-point", "", "with --fleet: the id to send status reports under (default: none sent)"),
                flags.bool("fleet-allow-http", false, "with --fleet: send the credential over plain http to a host that is not loopback"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        FleetOptions fleet = fleetOptions(invocation, flags);
        if (fleet == null && flags.policy().get().isBlank()) {
            throw new UsageException("missing required --policy");
        }
        ListenAddress listen = ListenAddress.parse(flags.listen().get());
        if (flags.maxBodyBytes().get() < 1 || flags.maxBodyBytes().get() > Integer.MAX_VALUE - 1) {
            throw new UsageException("--max-body-bytes must be between 1 and " + (Integer.MAX_VALUE - 1));
        }
        if (flags.maxRps().get() < 0) {
            throw new UsageException("--max-rps must not be negative");
        }
        KeySource key = flags.privateKey().source(invocation).orElseGet(() ->
                new KeySource.FileSource(LocalKeyStore.forEnvironment(invocation.environment()).openOrCreate().privateKey()));
        SidecarOptions options = new SidecarOptions(listen.host(), listen.port(), optionalPath(invocation, flags.policy()), key,
                optionalPath(invocation, flags.killSwitchState()), invocation.resolve(flags.traceDir().get()),
                optionalPath(invocation, flags.traceLog()), traceLogSync(flags.traceLogSync()), invocation.resolve(flags.rateLimitState().get()),
                authToken(invocation, flags),
                flags.maxBodyBytes().get().intValue(), flags.maxRps().get(), duration(flags.reloadSettle()), duration(flags.pollInterval()),
                Ids.correlationId(invocation.argv()), invocation.resolve(flags.auditDir().get()), tokenKeys(invocation, flags));
        Sidecar sidecar = Sidecar.start(options, fleet, invocation.err());
        Runtime.getRuntime().addShutdownHook(new Thread(sidecar::close));
        output.success(JsonObject.builder()
                        .put("listening", sidecar.url().toString())
                        .put("policy_digest", sidecar.policyDigest())
                        .build(),
                List.of("listening=" + sidecar.url(), "policy_digest=" + sidecar.policyDigest()));
        invocation.out().flush();
        try {
            sidecar.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The fleet settings, or null without {@code --fleet}; the bundle then replaces the policy and kill-switch files. */
    private static FleetOptions fleetOptions(Invocation invocation, Flags flags) {
        if (flags.fleet().get().isBlank()) {
            return null;
        }
        if (flags.policy().isSet() || flags.killSwitchState().isSet()) {
            throw new UsageException("--fleet takes the policy and kill switch from the control plane's bundle: drop --policy and --kill-switch-state");
        }
        String environment = flags.fleetEnvironment().get().strip();
        if (environment.isEmpty()) {
            throw new UsageException("--fleet needs --fleet-environment");
        }
        URI url;
        try {
            url = new URI(flags.fleet().get().strip());
        } catch (URISyntaxException e) {
            throw new UsageException("--fleet: " + e.getMessage());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new UsageException("--fleet must be an http or https URL, got " + flags.fleet().get());
        }
        String credential = null;
        if (!flags.fleetCredentialEnv().get().isBlank()) {
            credential = invocation.environment().get(flags.fleetCredentialEnv().get().strip());
            if (credential == null || credential.isBlank()) {
                throw new UsageException("--fleet-credential-env: environment variable " + flags.fleetCredentialEnv().get().strip() + " is not set or empty");
            }
            credential = credential.strip();
            if (url.getScheme().equals("http") && !Hosts.isLoopback(url.getHost()) && !flags.fleetAllowHttp().get()) {
                throw new UsageException("--fleet would send this enforcement point's credential in clear over http to " + url.getHost()
                        + ": use an https URL (or --fleet-allow-http where the network itself is encrypted)");
            }
        }
        return new FleetOptions(url, flags.fleetOrg().get().strip(), environment, credential,
                CachedBundle.trustedKeys(invocation, "fleet-trust", flags.fleetTrust().get()), invocation.resolve(flags.fleetCache().get()),
                duration(flags.fleetWait()), flags.fleetEnforcementPoint().get().strip());
    }

    /** The keys that verify tokens, chosen as gate eval chooses them; null leaves the default to the sidecar. */
    private static Decider.TokenKeys tokenKeys(Invocation invocation, Flags flags) {
        byte[] approval = TokenFiles.firstKey(invocation, List.of(flags.approvalPublicKey()), List.of(flags.approvalPrivateKey())).orElse(null);
        byte[] delegation = TokenFiles.firstKey(invocation, List.of(flags.delegationPublicKey(), flags.approvalPublicKey()),
                List.of(flags.delegationPrivateKey(), flags.approvalPrivateKey())).orElse(null);
        return new Decider.TokenKeys(approval, delegation);
    }

    private static Path optionalPath(Invocation invocation, Flag<String> flag) {
        return flag.get().isBlank() ? null : invocation.resolve(flag.get());
    }

    private static String authToken(Invocation invocation, Flags flags) {
        String variable = flags.authTokenEnv().get().strip();
        if (variable.isEmpty()) {
            return null;
        }
        String token = invocation.environment().get(variable);
        if (token == null || token.isBlank()) {
            throw new UsageException("--auth-token-env: environment variable " + variable + " is not set or empty");
        }
        return token.strip();
    }

    private static Duration traceLogSync(Flag<String> flag) {
        return flag.get().strip().equals("every") ? Duration.ZERO : duration(flag);
    }

    private static Duration duration(Flag<String> flag) {
        try {
            Duration value = GoDuration.parse(flag.get().strip());
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("must be positive");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + flag.name() + ": " + e.getMessage());
        }
    }
}
