package dev.gait.cli.gate;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.fleet.CachedBundle;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.keys.SigningKeys;
import dev.gait.cli.output.Output;
import dev.gait.core.bundle.FleetBundle;
import dev.gait.core.bundle.TrustedKey;
import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.JsonWriter;
import dev.gait.core.config.OssProdProfile;
import dev.gait.core.context.ContextEnvelope;
import dev.gait.core.digest.Ids;
import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.gate.ApprovedScripts;
import dev.gait.core.gate.BrokerStage;
import dev.gait.core.gate.DecisionAudits;
import dev.gait.core.gate.Gate;
import dev.gait.core.gate.GateEvalResult;
import dev.gait.core.gate.GateTraceFiles;
import dev.gait.core.gate.KillSwitch;
import dev.gait.core.gate.KillSwitchStore;
import dev.gait.core.gate.PresentedTokens;
import dev.gait.core.gate.WrkrInventory;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.sign.GoKeyText;
import dev.gait.core.sign.Signer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code gait gate eval --policy P --intent I}: decides one tool call and writes its signed trace.
 * Exit 0 for allow and dry_run, 3 for block, 4 for require_approval, 6 for bad input; never allow
 * on an error.
 */
public final class GateEvalCommand extends LeafCommand<GateEvalCommand.Flags> {

    record Flags(Flag<String> policy, Flag<String> intent, Flag<String> traceOut, Flag<Boolean> simulate, Flag<String> profile,
                 Flag<String> keyMode, KeyFlagPair privateKey, Flag<String> rateLimitState, Flag<String> evaluationTime,
                 Flag<Boolean> explain, Flag<String> contextEnvelope, Flag<String> wrkrInventory, Flag<String> killSwitchState,
                 Flag<String> config, Flag<Boolean> noConfig, Flag<String> approvalToken, Flag<String> approvalTokenChain,
                 KeyFlagPair approvalPublicKey, KeyFlagPair approvalPrivateKey, Flag<String> approvalAuditOut, BrokerFlags broker,
                 Flag<String> delegationToken, Flag<String> delegationTokenChain, KeyFlagPair delegationPublicKey,
                 KeyFlagPair delegationPrivateKey, Flag<String> delegationAuditOut, Flag<String> approvedScriptRegistry,
                 KeyFlagPair approvedScriptPublicKey, Flag<String> bundle, Flag<String> fleetTrust, Flag<String> fleetEnvironment,
                 Flag<String> fleetOrg, Flag<Long> fleetMinSequence) {}

    public GateEvalCommand() {
        super("eval", "Decide one tool call against a policy and write its signed trace.",
                "gate eval decides allow, block, require_approval or dry_run for one tool call before it runs, and signs the decision as a trace.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("policy", "", "policy YAML (gait.gate.policy)"),
                flags.string("intent", "", "intent request JSON (gait.gate.intent_request), or - for standard input"),
                flags.string("trace-out", "", "where to write the signed trace (default trace_<trace_id>.json)"),
                flags.bool("simulate", false, "decide and record, but never block (exit 0)"),
                flags.choice("profile", "standard", "standard, or oss-prod for production pre-checks", "standard", "oss-prod"),
                flags.choice("key-mode", "dev", "dev (sign with your local key) or prod (sign with --private-key)", "dev", "prod"),
                KeyFlagPair.declare(flags, "private-key", "Gait private key that signs the trace"),
                flags.string("rate-limit-state", ".gait-out/gate_rate_limits.json", "shared rate-limit state file"),
                flags.string("evaluation-time", "", "RFC 3339 time to judge freeze windows and agent expiry at (default: now)"),
                flags.bool("explain", false, "with --json: print the policy explanation document (gait.gate.policy_explain)"),
                flags.string("context-envelope", "", "verified context evidence (gait.context.envelope) the intent's context claims bind to"),
                flags.string("wrkr-inventory", "", "Wrkr tool inventory (JSON) whose entries enrich the context"),
                flags.string("kill-switch-state", "", "kill-switch state (gait.gate.kill_switch_state); an active entry blocks"),
                flags.string("config", "", "project defaults (default .gait/config.yaml, gate: section); flags win"),
                flags.bool("no-config", false, "ignore .gait/config.yaml"),
                flags.string("approval-token", "", "an approval token (gait.gate.approval_token) for a require_approval verdict"),
                flags.string("approval-token-chain", "", "more approval tokens, comma-separated paths"),
                KeyFlagPair.declare(flags, "approval-public-key", "public key that verifies approval tokens (default: the trace key)"),
                KeyFlagPair.declare(flags, "approval-private-key", "private key whose public half verifies approval tokens"),
                flags.string("approval-audit-out", "", "where to write the approval audit record (default approval_audit_<trace_id>.json)"),
                BrokerFlags.declare(flags),
                flags.string("delegation-token", "", "a delegation token (gait.gate.delegation_token) for a rule that requires delegation"),
                flags.string("delegation-token-chain", "", "more delegation tokens, comma-separated paths"),
                KeyFlagPair.declare(flags, "delegation-public-key", "public key that verifies delegation tokens (default: approval key, then trace key)"),
                KeyFlagPair.declare(flags, "delegation-private-key", "private key whose public half verifies delegation tokens"),
                flags.string("delegation-audit-out", "", "where to write the delegation audit record (default delegation_audit_<trace_id>.json)"),
                flags.string("approved-script-registry", "", "approved-script registry; a matching script passes without a fresh approval"),
                KeyFlagPair.declare(flags, "approved-script-public-key", "public key that verifies registry entries (default: the trace key)"),
                flags.string("bundle", "", "decide with a fleet bundle (gait.fleet.bundle, e.g. gait serve's cache) instead of --policy: its policy, approved scripts, kill switch, trusted keys and least privilege"),
                flags.string("fleet-trust", "", "with --bundle: the control plane's public key file(s), comma-separated; an unverifiable bundle blocks (exit 3)"),
                flags.string("fleet-environment", "", "with --bundle (required): the environment the bundle must be for"),
                flags.string("fleet-org", "", "with --bundle: the organisation the bundle must be for"),
                flags.integer("fleet-min-sequence", 0, "with --bundle: refuse a bundle older than this sequence (e.g. the last one seen)"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        GateConfig config = GateConfig.load(invocation, flags.config().get(), flags.noConfig().get());
        config.applyTo(flags);
        boolean fromBundle = !flags.bundle().get().isBlank();
        if (fromBundle && (flags.policy().isSet() || flags.killSwitchState().isSet() || flags.approvedScriptRegistry().isSet())) {
            throw new UsageException("--bundle carries the policy, kill switch and approved scripts: drop --policy, --kill-switch-state and --approved-script-registry");
        }
        if (!fromBundle && flags.policy().get().isBlank()) {
            throw new UsageException("missing required --policy");
        }
        if (flags.intent().get().isBlank()) {
            throw new UsageException("missing required --intent");
        }
        if (fromBundle && flags.fleetEnvironment().get().isBlank()) {
            // any bundle the control-plane key signed would verify: name the environment it must be for
            throw new UsageException("--bundle needs --fleet-environment");
        }
        FleetBundle.Verified bundle = fromBundle ? CachedBundle.load(invocation, flags.bundle().get(),
                CachedBundle.trustedKeys(invocation, "fleet-trust", flags.fleetTrust().get()), FleetBundle.Expectation.atLeast(
                        flags.fleetOrg().get().strip(), flags.fleetEnvironment().get().strip(), flags.fleetMinSequence().get())) : null;
        Policy policy = fromBundle ? bundle.content().policy() : Policy.parse(
                new String(InputFiles.read(invocation.resolve(flags.policy().get()), InputFiles.DEFAULT_MAX_BYTES), StandardCharsets.UTF_8),
                flags.policy().get());
        byte[] intentBytes = flags.intent().get().equals("-")
                ? InputFiles.readBounded(invocation.in(), InputFiles.DEFAULT_MAX_BYTES, "standard input")
                : InputFiles.read(invocation.resolve(flags.intent().get()), InputFiles.DEFAULT_MAX_BYTES);
        JsonObject intent = JsonReader.lenient().readObject(intentBytes);
        boolean prod = flags.keyMode().get().equals("prod");
        if (prod && flags.privateKey().source(invocation).isEmpty()) {
            throw new UsageException("--key-mode prod requires --private-key or --private-key-env");
        }
        if (flags.profile().get().equals("oss-prod")) {
            OssProdProfile.check(policy, flags.simulate().get(), prod, flags.broker().configured());
        }
        Signer signer = SigningKeys.signer(invocation, flags.privateKey());

        Instant evaluationTime = invocation.clock().instant();
        if (!flags.evaluationTime().get().isBlank()) {
            try {
                evaluationTime = GoTime.parse(flags.evaluationTime().get().strip()).toInstant();
            } catch (IllegalArgumentException e) {
                throw new UsageException("--evaluation-time: " + e.getMessage());
            }
        }
        ContextEnvelope envelope = flags.contextEnvelope().get().isBlank() ? null
                : ContextEnvelope.parse(InputFiles.read(invocation.resolve(flags.contextEnvelope().get()), ContextEnvelope.MAX_BYTES + 1), false);
        List<String> warnings = new ArrayList<>();
        WrkrInventory inventory = loadInventory(invocation, flags, intent, warnings);
        Gate.KillSwitchInput killSwitch = fromBundle ? bundleKillSwitch(bundle) : loadKillSwitch(invocation, flags, intent);
        if (killSwitch != null && killSwitch.state() == null) {
            warnings.add("kill switch state unavailable: " + killSwitch.unavailableReason());
        }
        byte[] approvalKey = TokenFiles.firstKey(invocation, List.of(flags.approvalPublicKey()), List.of(flags.approvalPrivateKey()))
                .orElse(signer.publicKey());
        byte[] delegationKey = TokenFiles.firstKey(invocation, List.of(flags.delegationPublicKey(), flags.approvalPublicKey()),
                List.of(flags.delegationPrivateKey(), flags.approvalPrivateKey())).orElse(signer.publicKey());
        boolean tokenKeyFlags = Stream.of(flags.approvalPublicKey(), flags.approvalPrivateKey(), flags.delegationPublicKey(), flags.delegationPrivateKey())
                .anyMatch(pair -> pair.source(invocation).isPresent());
        PresentedTokens approvals = new PresentedTokens(TokenFiles.load(invocation, flags.approvalToken().get(), flags.approvalTokenChain().get()),
                tokenKeys(bundle, TrustedKey.APPROVAL, tokenKeyFlags, approvalKey));
        PresentedTokens delegations = new PresentedTokens(TokenFiles.load(invocation, flags.delegationToken().get(), flags.delegationTokenChain().get()),
                tokenKeys(bundle, TrustedKey.DELEGATION, tokenKeyFlags, delegationKey));
        BrokerStage.Input broker = flags.broker().input(invocation, flags.profile().get().equals("oss-prod") || (fromBundle && bundle.leastPrivilege()));
        ApprovedScripts.Verified approvedScripts = fromBundle ? bundle.approvedScripts() : loadApprovedScripts(invocation, flags, intent, signer, warnings);
        Gate.Outcome outcome = Gate.evaluate(new Gate.Request(policy, intent, envelope, inventory, killSwitch, approvedScripts, delegations, approvals, broker,
                flags.simulate().get(),
                evaluationTime,
                invocation.resolve(flags.rateLimitState().get()), invocation.clock(), signer, Ids.correlationId(invocation.argv())));
        String traceName = flags.traceOut().get().isBlank() ? GateTraceFiles.defaultName(outcome.traceId()) : flags.traceOut().get();
        GateTraceFiles.write(invocation.resolve(traceName), outcome.trace());
        if (!fromBundle && killSwitch != null && killSwitch.state() != null && "active".equals(outcome.killSwitch().string("status").orElse(""))) {
            KillSwitchStore.appendJournal(invocation.resolve(flags.killSwitchState().get()), journalLine(outcome), invocation.clock());
        }
        String evidencePath = "";
        if (outcome.broker() != null && outcome.broker().credential() != null) {
            evidencePath = flags.broker().evidenceOut().get().isBlank()
                    ? "credential_evidence_" + outcome.traceId() + ".json" : flags.broker().evidenceOut().get();
            AtomicFiles.write(invocation.resolve(evidencePath),
                    (JsonWriter.GO_STRUCT_INDENTED.write(outcome.broker().evidence(outcome)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String delegationAuditPath = writeAudit(invocation, DecisionAudits.delegation(outcome, delegations),
                flags.delegationAuditOut().get(), "delegation_audit_" + outcome.traceId() + ".json");
        String auditPath = writeAudit(invocation, DecisionAudits.approval(outcome, approvals),
                flags.approvalAuditOut().get(), "approval_audit_" + outcome.traceId() + ".json");
        if (flags.explain().get()) {
            return output.result(true, outcome.verdict().exitCode(), GateExplain.document(policy, outcome, traceName),
                    List.of("verdict=" + outcome.decision().verdict().wire()));
        }
        return print(output, flags.profile().get(), outcome, traceName,
                new GateEvalResult.Records(auditPath, delegationAuditPath, evidencePath), warnings);
    }

    /** Writes the audit record, if there is one, to the flag's path or else the default name; returns where, or "" when none was written. */
    private static String writeAudit(Invocation invocation, Optional<JsonObject> record, String flag, String defaultName) {
        if (record.isEmpty()) {
            return "";
        }
        String path = flag.isBlank() ? defaultName : flag;
        DecisionAudits.write(invocation.resolve(path), record.get());
        return path;
    }

    /**
     * The registry when it is configured and every entry verifies; otherwise the fast path is off:
     * with a warning, or (fail-closed loading) as an error that exits 3.
     */
    private static ApprovedScripts.Verified loadApprovedScripts(Invocation invocation, Flags flags, JsonObject intent, Signer signer,
                                                                List<String> warnings) {
        if (flags.approvedScriptRegistry().get().isBlank()) {
            return null;
        }
        String failure;
        try {
            byte[] key = flags.approvedScriptPublicKey().source(invocation).map(GoKeyText::decodePublic).orElse(signer.publicKey());
            return ApprovedScripts.load(invocation.resolve(flags.approvedScriptRegistry().get()))
                    .verify(List.of(key), invocation.clock().instant());
        } catch (GaitException e) {
            failure = e.getMessage();
        }
        if (failClosedLoading(flags, intent)) {
            throw new GaitException(ErrorCategory.POLICY_BLOCKED, failure);
        }
        warnings.add(failure + "; approved-script fast path disabled");
        return null;
    }

    /** The bundle's kill-switch state, or null when it carries none. */
    private static Gate.KillSwitchInput bundleKillSwitch(FleetBundle.Verified bundle) {
        return bundle.content().killSwitch() == null ? null : Gate.KillSwitchInput.loaded(bundle.content().killSwitchState());
    }

    /**
     * The keys that verify approval or delegation tokens: the ones given on the command line, else
     * the ones the bundle trusts for that purpose, else the default key.
     */
    private static List<byte[]> tokenKeys(FleetBundle.Verified bundle, String purpose, boolean keyFlags, byte[] key) {
        if (bundle != null && !keyFlags && !bundle.keysFor(purpose).isEmpty()) {
            return bundle.keysFor(purpose);
        }
        return List.of(key);
    }

    /** One {@code gait.gate.kill_switch_journal} line: which call a switch stopped, and by which entries. */
    private static JsonObject journalLine(Gate.Outcome outcome) {
        JsonObject context = outcome.intent().context();
        JsonObject decision = outcome.killSwitch();
        return JsonObject.builder()
                .put("schema_id", "gait.gate.kill_switch_journal")
                .put("schema_version", "1.0.0")
                .put("created_at", decision.get("evaluated_at").orElseThrow())
                .put("producer_version", dev.gait.core.version.GaitVersion.current())
                .put("source", "gate_eval")
                .put("trace_id", outcome.traceId())
                .putOmitEmpty("job_id", context.string("job_id").orElse(""))
                .put("tool_name", outcome.intent().toolName())
                .putOmitEmpty("agent_id", context.string("agent_id").orElse(""))
                .putOmitEmpty("identity", context.string("identity").orElse(""))
                .put("reason_codes", decision.get("reason_codes").orElseThrow())
                .put("matched_entry_ids", decision.get("matched_entry_ids").orElseThrow())
                .build();
    }

    /** The kill-switch state; unreadable state blocks when fail-closed loading applies, else is invalid input. */
    private static Gate.KillSwitchInput loadKillSwitch(Invocation invocation, Flags flags, JsonObject intent) {
        if (flags.killSwitchState().get().isBlank()) {
            return null;
        }
        try {
            return Gate.KillSwitchInput.loaded(KillSwitch.load(invocation.resolve(flags.killSwitchState().get())));
        } catch (GaitException e) {
            if (failClosedLoading(flags, intent)) {
                return Gate.KillSwitchInput.unavailable(e.getMessage());
            }
            throw e;
        }
    }

    /** oss-prod, or a high or critical risk class, loads safety inputs fail-closed. */
    private static boolean failClosedLoading(Flags flags, JsonObject intent) {
        String risk = intent.object("context").flatMap(c -> c.string("risk_class")).orElse("").strip().toLowerCase(java.util.Locale.ROOT);
        return flags.profile().get().equals("oss-prod") || risk.equals("high") || risk.equals("critical");
    }

    /**
     * The inventory, or null. An unreadable inventory is fatal (exit 3) when the profile or the
     * intent's risk class calls for fail-closed loading, otherwise a warning.
     */
    private static WrkrInventory loadInventory(Invocation invocation, Flags flags, JsonObject intent, List<String> warnings) {
        if (flags.wrkrInventory().get().isBlank()) {
            return null;
        }
        try {
            return WrkrInventory.load(invocation.resolve(flags.wrkrInventory().get()));
        } catch (GaitException e) {
            if (failClosedLoading(flags, intent)) {
                throw new GaitException(ErrorCategory.POLICY_BLOCKED, "wrkr inventory unavailable in fail-closed mode: " + e.getMessage(), e);
            }
            warnings.add("wrkr inventory unavailable: " + e.getMessage());
            return null;
        }
    }

    @Override
    protected boolean explainsWithJson() {
        return true;
    }

    private static int print(Output output, String profile, Gate.Outcome outcome, String tracePath, GateEvalResult.Records records,
                             List<String> warnings) {
        List<String> text = List.of(
                "verdict=" + outcome.verdict().wire(),
                "reason_codes=" + String.join(",", outcome.reasonCodes()),
                "violations=" + String.join(",", outcome.violations()),
                "trace_id=" + outcome.traceId(),
                "trace_path=" + tracePath);
        // ok is true whatever the verdict: the decision was made; the exit code carries the verdict
        return output.result(true, outcome.verdict().exitCode(), GateEvalResult.document(profile, outcome, tracePath, records, warnings), text);
    }

}
