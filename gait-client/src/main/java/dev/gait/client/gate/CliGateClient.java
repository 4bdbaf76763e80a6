package dev.gait.client.gate;

import dev.gait.client.cli.GaitCli;
import dev.gait.client.cli.GaitCliException;
import dev.gait.client.intent.IntentRequest;
import dev.gait.client.json.Json;
import dev.gait.client.json.JsonFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides through {@code gait gate eval --policy P --intent - --json}, one process per intent; the
 * intent goes on standard input. Exit 0 (allow, dry_run), 3 (block) and 4 (require_approval) carry
 * a decision; any other exit is a failure with the error envelope's code, and an allow counts only
 * with exit 0.
 */
public final class CliGateClient implements GateClient {

    private final GaitCli cli;
    private final Path policy;
    private final List<String> extraArguments;

    /**
     * @param extraArguments more {@code gate eval} flags, e.g. {@code --kill-switch-state F},
     *     {@code --approval-token F}, {@code --trace-out F}
     */
    public CliGateClient(GaitCli cli, Path policy, List<String> extraArguments) {
        this.cli = cli;
        this.policy = policy;
        this.extraArguments = List.copyOf(extraArguments);
    }

    public CliGateClient(GaitCli cli, Path policy) {
        this(cli, policy, List.of());
    }

    @Override
    public GateDecision evaluate(IntentRequest intent) {
        List<String> arguments = new ArrayList<>(List.of("gate", "eval", "--policy", policy.toString(), "--intent", "-", "--json"));
        arguments.addAll(extraArguments);
        GaitCli.Result result;
        try {
            result = cli.run(arguments, intent.toJson());
        } catch (GaitCliException e) {
            return GateDecision.failure(e.kind() == GaitCliException.Kind.TIMEOUT
                    ? GateDecision.CLIENT_TIMEOUT : GateDecision.CLIENT_UNAVAILABLE, e.getMessage());
        }
        Map<String, Object> response;
        try {
            response = Json.readObject(result.stdout().strip());
        } catch (JsonFormatException e) {
            return GateDecision.failure(GateDecision.CLIENT_INVALID_RESPONSE, "gait exited " + result.exitCode()
                    + " without a JSON answer (" + e.getMessage() + "); stderr: " + result.stderr().strip());
        }
        GateDecision decision = GateDecision.fromResponse(response);
        if (decision.isAllow() && result.exitCode() != 0) {
            // An allow is believed only together with exit 0.
            return GateDecision.failure(GateDecision.CLIENT_INVALID_RESPONSE,
                    "gait exited " + result.exitCode() + " with verdict allow");
        }
        return decision;
    }
}
