package dev.gait.cli.killswitch;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.canon.GoDuration;
import dev.gait.core.error.ExitCode;
import dev.gait.core.gate.KillSwitchStore;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code gait kill-switch add|list|disable|expire --state PATH}: operators stop matching tool calls at
 * once, whatever the policy says; {@code gate eval --kill-switch-state PATH} enforces the state.
 */
public final class KillSwitchCommands {
    static final String DEFAULT_STATE = ".gait-out/kill_switch_state.json";

    private KillSwitchCommands() {}

    public static CommandFamily family() {
        return new CommandFamily("kill-switch", "Stop matching tool calls at once, whatever the policy says.",
                "kill-switch edits the state that gate eval --kill-switch-state enforces: an enabled, unexpired entry blocks every call its selectors match.",
                List.<Command>of(new Add(), new ListEntries(), new Change("disable", "Turn an entry off (enabled: false)."),
                        new Change("expire", "End an entry now (expires_at = now), keeping it on record.")));
    }

    private static Flag<String> stateFlag(FlagSet flags) {
        return flags.string("state", DEFAULT_STATE, "kill-switch state file (gait.gate.kill_switch_state)");
    }

    private static List<String> csv(Flag<String> flag) {
        return Arrays.stream(flag.get().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> entryLines(JsonObject entry) {
        return List.of("entry_id=" + entry.string("entry_id").orElse(""), "enabled=" + entry.get("enabled").map(Object::toString).orElse(""));
    }

    static final class Add extends LeafCommand<Add.Flags> {
        record Flags(Flag<String> state, Flag<String> entryId, Flag<String> agentId, Flag<String> identity, Flag<String> toolName,
                     Flag<String> targetKind, Flag<String> targetValue, Flag<String> environment, Flag<String> pathPrefixes,
                     Flag<String> workspacePrefixes, Flag<String> reason, Flag<String> actor, Flag<String> ttl) {}

        Add() {
            super("add", "Add an enabled entry; every selector given must match for it to stop a call.",
                    "kill-switch add adds an enabled entry; a call is stopped when every selector of an active entry matches it.");
        }

        @Override
        protected Flags declare(FlagSet flags) {
            return new Flags(stateFlag(flags),
                    flags.string("entry-id", "", "entry id (default derived from the entry); an id without selectors stops every call"),
                    flags.string("agent-id", "", "stop this agent (context.agent_id)"),
                    flags.string("identity", "", "stop this identity (context.identity)"),
                    flags.string("tool-name", "", "stop this tool, also inside scripts"),
                    flags.string("target-kind", "", "stop calls with a target of this kind (path, url, host, repo, bucket, table, queue, topic, other)"),
                    flags.string("target-value", "", "stop calls with a target of this value"),
                    flags.string("environment", "", "stop calls in this environment (context.environment)"),
                    flags.string("path-prefixes", "", "comma-separated path prefixes of path targets"),
                    flags.string("workspace-prefixes", "", "comma-separated workspace prefixes"),
                    flags.string("reason", "", "why, for the record"),
                    flags.string("actor", "", "who, for the record"),
                    flags.string("ttl", "", "end the entry after this long (Go duration, for example 2h); default: until disabled"));
        }

        @Override
        protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
            Duration ttl = null;
            if (!flags.ttl().get().isBlank()) {
                try {
                    ttl = GoDuration.parse(flags.ttl().get().strip());
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--ttl: " + e.getMessage());
                }
            }
            Path state = invocation.resolve(flags.state().get());
            JsonObject entry = KillSwitchStore.add(state, new KillSwitchStore.EntrySpec(flags.entryId().get(), flags.agentId().get(),
                    flags.identity().get(), flags.toolName().get(), flags.targetKind().get(), flags.targetValue().get(),
                    flags.environment().get(), csv(flags.pathPrefixes()), csv(flags.workspacePrefixes()), flags.reason().get(),
                    flags.actor().get(), ttl), invocation.clock());
            return output.result(true, ExitCode.OK, JsonObject.builder().put("state", flags.state().get()).put("entry", entry).build(),
                    entryLines(entry));
        }
    }

    static final class ListEntries extends LeafCommand<ListEntries.Flags> {
        record Flags(Flag<String> state) {}

        ListEntries() {
            super("list", "List the entries of a kill-switch state.", "kill-switch list prints every entry of the state, active or not.");
        }

        @Override
        protected Flags declare(FlagSet flags) {
            return new Flags(stateFlag(flags));
        }

        @Override
        protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
            JsonObject state = KillSwitchStore.read(invocation.resolve(flags.state().get()), invocation.clock());
            List<JsonValue> entries = state.array("entries").orElse(JsonArray.EMPTY).elements();
            List<String> text = new ArrayList<>(List.of("entries=" + entries.size()));
            for (JsonValue entry : entries) {
                text.add(String.join(" ", entryLines((JsonObject) entry)));
            }
            return output.result(true, ExitCode.OK, JsonObject.builder().put("state", flags.state().get())
                    .put("entries", new JsonArray(entries)).build(), text);
        }
    }

    static final class Change extends LeafCommand<Change.Flags> {
        record Flags(Flag<String> state, Flag<String> entryId) {}

        Change(String name, String summary) {
            super(name, summary, "kill-switch " + name + ": " + summary);
        }

        @Override
        protected Flags declare(FlagSet flags) {
            return new Flags(stateFlag(flags), flags.string("entry-id", "", "the entry to change"));
        }

        @Override
        protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
            if (flags.entryId().get().isBlank()) {
                throw new UsageException("missing required --entry-id");
            }
            Path state = invocation.resolve(flags.state().get());
            JsonObject entry = name().equals("disable")
                    ? KillSwitchStore.disable(state, flags.entryId().get(), invocation.clock())
                    : KillSwitchStore.expire(state, flags.entryId().get(), invocation.clock());
            return output.result(true, ExitCode.OK, JsonObject.builder().put("state", flags.state().get()).put("entry", entry).build(),
                    entryLines(entry));
        }
    }
}
