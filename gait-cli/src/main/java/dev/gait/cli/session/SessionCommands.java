package dev.gait.cli.session;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.keys.SigningKeys;
import dev.gait.cli.output.Output;
import dev.gait.core.json.JsonObject;
import dev.gait.core.session.SessionChain;
import dev.gait.core.session.SessionCheckpointer;
import dev.gait.core.session.SessionJournal;
import dev.gait.core.session.SessionLock;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code gait run session start|append|status|checkpoint|compact}: journals of long-running agents. */
public final class SessionCommands {

    private SessionCommands() {}

    public static CommandFamily family() {
        return new CommandFamily("session", "Journal a long-running agent session and cut it into chained runpacks.",
                "run session journals each decision of a long-running agent and cuts the journal into signed runpacks linked by a digest chain.",
                List.<Command>of(new Start(), new Append(), new Status(), new Checkpoint(), new Compact()));
    }

    static SessionLock.Profile profile(Invocation invocation) {
        return SessionLock.Profile.fromEnvironment(invocation.environment());
    }

    static JsonObject describe(SessionJournal.State state) {
        return JsonObject.builder()
                .put("session_id", state.sessionId())
                .put("run_id", state.runId())
                .put("events", state.events().size())
                .put("pending_events", state.pendingEvents().size())
                .put("checkpoints", state.checkpoints().size())
                .put("last_sequence", state.lastSequence())
                .build();
    }

    static List<String> text(JsonObject summary) {
        return summary.members().entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() instanceof dev.gait.core.json.JsonString s ? s.value()
                        : dev.gait.core.canon.Jcs.canonicalString(e.getValue())))
                .toList();
    }

    private static final class Start extends LeafCommand<Start.Flags> {
        record Flags(JournalFlag journal, Flag<String> sessionId, Flag<String> runId) {}

        Start() {
            super("start", "Start a session journal (idempotent for the same ids).",
                    "run session start creates a session journal for one agent session and run.");
        }

        @Override
        protected Flags declare(FlagSet flags) {
            return new Flags(JournalFlag.declare(flags), flags.string("session-id", "", "the session's id"),
                    flags.string("run-id", "", "the run id its checkpoints derive from"));
        }

        @Override
        protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
            SessionJournal.State state = SessionJournal.start(flags.journal().path(invocation), flags.sessionId().get().strip(),
                    flags.runId().get().strip(), invocation.clock(), profile(invocation));
            JsonObject summary = describe(state);
            return output.success(summary, text(summary));
        }
    }

    private static final class Append extends LeafCommand<Append.Flags> {
        record Flags(JournalFlag journal, Flag<String> tool, Flag<String> verdict, Flag<String> intentId, Flag<String> traceId,
                     Flag<String> tracePath, Flag<String> intentDigest, Flag<String> policyDigest, Flag<String> reasonCodes,
                     Flag<String> violations) {}

        Append() {
            super("append", "Append one tool call decision to a session journal.",
                    "run session append records one gated tool call of the session with the next sequence number.");
        }

        @Override
        protected Flags declare(FlagSet flags) {
            return new Flags(JournalFlag.declare(flags),
                    flags.string("tool", "", "tool name"),
                    flags.string("verdict", "", "allow, block, dry_run or require_approval"),
                    flags.string("intent-id", "", "intent id"),
                    flags.string("trace-id", "", "trace id of the decision"),
                    flags.string("trace-path", "", "path of the signed trace"),
                    flags.string("intent-digest", "", "intent digest (SHA-256 hex)"),
                    flags.string("policy-digest", "", "policy digest (SHA-256 hex)"),
                    flags.string("reason-codes", "", "comma-separated reason codes"),
                    flags.string("violations", "", "comma-separated violations"));
        }

        @Override
        protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
            JsonObject event = SessionJournal.append(flags.journal().path(invocation), new SessionJournal.EventInput(
                    flags.tool().get().strip(), flags.verdict().get().strip(), flags.intentId().get().strip(),
                    flags.traceId().get().strip(), flags.tracePath().get().strip(), flags.intentDigest().get(),
                    flags.policyDigest().get(), csv(flags.reasonCodes().get()), csv(flags.violations().get())),
                    invocation.clock(), profile(invocation));
            JsonObject summary = JsonObject.builder()
                    .put("session_id", event.string("session_id").orElse(""))
                    .put("sequence", event.get("sequence").orElseThrow())
                    .put("tool_name", event.string("tool_name").orElse(""))
                    .put("verdict", event.string("verdict").orElse(""))
                    .build();
            return output.success(summary, text(summary));
        }

        private static List<String> csv(String value) {
            return value.isBlank() ? List.of() : Arrays.asList(value.split(","));
        }
    }

    private static final class Status extends LeafCommand<JournalFlag> {
        Status() {
            super("status", "Show a session journal's events, checkpoints and pending events.",
                    "run session status reads a session journal, checks it, and reports its events and checkpoints.");
        }

        @Override
        protected JournalFlag declare(FlagSet flags) {
            return JournalFlag.declare(flags);
        }

        @Override
        protected int execute(Invocation invocation, Output output, JournalFlag journal, List<String> positionals) {
            JsonObject summary = describe(SessionJournal.read(journal.path(invocation)));
            return output.success(summary, text(summary));
        }
    }

    private static final class Checkpoint extends LeafCommand<Checkpoint.Flags> {
        record Flags(JournalFlag journal, Flag<String> out, Flag<String> chainOut, KeyFlagPair privateKey) {}

        Checkpoint() {
            super("checkpoint", "Cut the events since the last checkpoint into a signed runpack and extend the chain.",
                    "run session checkpoint turns the session's new events into a signed runpack and links it into the session's checkpoint chain.");
        }

        @Override
        protected Flags declare(FlagSet flags) {
            return new Flags(JournalFlag.declare(flags),
                    flags.string("out", "", "path of the checkpoint runpack (default: <run>_cp_NNNN.zip beside the journal)"),
                    flags.string("chain-out", "", "also write the chain file here"),
                    KeyFlagPair.declare(flags, "private-key", "Gait private key to sign with (default: your local key)"));
        }

        @Override
        protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
            Path journal = flags.journal().path(invocation);
            String given = flags.out().get().strip();
            if (given.isEmpty()) {
                // beside the journal, written the way the journal was named, so the recorded path stays portable
                SessionJournal.State state = SessionJournal.read(journal);
                String name = String.format("%s_cp_%04d.zip", state.runId(), state.checkpoints().size() + 1);
                Path parent = Path.of(flags.journal().journal().get()).getParent();
                given = parent == null ? name : parent.resolve(name).toString();
            }
            SessionCheckpointer.Checkpoint checkpoint = SessionCheckpointer.checkpoint(journal, invocation.resolve(given), given,
                    SigningKeys.signer(invocation, flags.privateKey()), invocation.clock(), profile(invocation));
            Path chain = SessionChain.defaultPath(journal);
            SessionChain.write(chain, checkpoint.state());
            if (!flags.chainOut().get().isBlank()) {
                SessionChain.write(invocation.resolve(flags.chainOut().get()), checkpoint.state());
            }
            JsonObject record = checkpoint.record();
            JsonObject summary = JsonObject.builder()
                    .put("session_id", checkpoint.state().sessionId())
                    .put("checkpoint_index", record.get("checkpoint_index").orElseThrow())
                    .put("sequence_start", record.get("sequence_start").orElseThrow())
                    .put("sequence_end", record.get("sequence_end").orElseThrow())
                    .put("runpack_path", given)
                    .put("checkpoint_run_id", checkpoint.runpack().runId())
                    .put("manifest_digest", checkpoint.runpack().manifestDigest())
                    .put("checkpoint_digest", record.string("checkpoint_digest").orElse(""))
                    .put("chain_path", chain.toString())
                    .build();
            return output.success(summary, text(summary));
        }
    }

    private static final class Compact extends LeafCommand<Compact.Flags> {
        record Flags(JournalFlag journal, Flag<String> out, Flag<Boolean> dryRun) {}

        Compact() {
            super("compact", "Drop checkpointed events from a journal, keeping the header and every checkpoint.",
                    "run session compact shrinks a session journal to its header, its checkpoints and the events not yet checkpointed.");
        }

        @Override
        protected Flags declare(FlagSet flags) {
            return new Flags(JournalFlag.declare(flags), flags.string("out", "", "write the compacted journal here (default: in place)"),
                    flags.bool("dry-run", false, "report what compaction would do without writing"));
        }

        @Override
        protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
            Path journal = flags.journal().path(invocation);
            Path out = flags.out().get().isBlank() ? journal : invocation.resolve(flags.out().get());
            SessionJournal.Compaction result = SessionJournal.compact(journal, out, flags.dryRun().get(), invocation.clock(),
                    profile(invocation));
            JsonObject summary = JsonObject.builder()
                    .put("events_before", result.eventsBefore())
                    .put("events_after", result.eventsAfter())
                    .put("bytes_before", result.bytesBefore())
                    .put("bytes_after", result.bytesAfter())
                    .put("checkpoints", result.checkpoints())
                    .put("dry_run", flags.dryRun().get())
                    .put("output", out.toString())
                    .build();
            return output.success(summary, text(summary));
        }
    }
}
