package dev.gait.cli.gate;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.core.gate.BrokerStage;
import dev.gait.core.gate.broker.CommandBroker;
import dev.gait.core.gate.broker.CredentialBroker;
import dev.gait.core.gate.broker.EnvBroker;
import dev.gait.core.gate.broker.StubBroker;
import java.util.Arrays;
import java.util.List;

/** The credential broker flags of {@code gate eval}. */
record BrokerFlags(Flag<String> broker, Flag<String> envPrefix, Flag<String> credentialRef, Flag<String> scopes, Flag<String> command,
                   Flag<String> commandArgs, Flag<String> evidenceOut) {

    static final String ALLOWLIST_ENV = "GAIT_CREDENTIAL_COMMAND_ALLOWLIST";

    static BrokerFlags declare(FlagSet flags) {
        return new BrokerFlags(
                flags.choice("credential-broker", "off", "credential broker: off, stub, env or command", "off", "none", "stub", "env", "command"),
                flags.string("credential-env-prefix", "GAIT_BROKER_TOKEN_", "env broker: prefix of the credential variables"),
                flags.string("credential-ref", "", "credential reference to request (default: the rules' broker_reference)"),
                flags.string("credential-scopes", "", "comma-separated scopes to request in addition to the rules' broker_scopes"),
                flags.string("credential-command", "", "command broker: the program (one path, no white space)"),
                flags.string("credential-command-args", "", "command broker: comma-separated arguments"),
                flags.string("credential-evidence-out", "", "where to write the credential evidence (default credential_evidence_<trace_id>.json)"));
    }

    boolean configured() {
        return !broker.get().equals("off") && !broker.get().equals("none");
    }

    /** The broker stage input; least privilege applies in the oss-prod profile. */
    BrokerStage.Input input(Invocation invocation, boolean leastPrivilege) {
        return new BrokerStage.Input(create(invocation), credentialRef.get(), csv(scopes.get()), leastPrivilege);
    }

    private CredentialBroker create(Invocation invocation) {
        return switch (broker.get()) {
            case "stub" -> new StubBroker();
            case "env" -> new EnvBroker(envPrefix.get().strip(), invocation.environment());
            case "command" -> {
                if (command.get().isBlank()) {
                    throw new UsageException("--credential-broker command requires --credential-command");
                }
                try {
                    yield new CommandBroker(command.get(), csv(commandArgs.get()),
                            csv(invocation.environment().getOrDefault(ALLOWLIST_ENV, "")), CommandBroker.TIMEOUT);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--credential-command: " + e.getMessage());
                }
            }
            default -> null;
        };
    }

    private static List<String> csv(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
