package dev.gait.core.reduce;

import dev.gait.core.canon.Jcs;
import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.process.BoundedProcess;
import dev.gait.core.runpack.Runpack;
import dev.gait.core.runpack.RunpackRecorder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code command}: a user's program decides. For each candidate it gets
 * {@code {"run_id", "intents":[{intent_id, tool_name, args_digest}], "results":[{intent_id, status,
 * result_digest}]}} (canonical JSON) on standard input and the candidate runpack's path as its last
 * argument; exit 0 means the failure still reproduces, any other exit that it does not. Its output
 * is discarded. A program that runs past the timeout is killed, with its descendants, and the
 * reduction stops: an unanswered candidate is never guessed.
 */
public final class CommandPredicate implements ReducePredicate {
    public static final String NAME = "command";
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<String> command;
    private final Path workingDirectory;
    private final Duration timeout;
    private final CandidateFiles candidates = new CandidateFiles();

    /**
     * @param program one program path without white space, relative to {@code workingDirectory}, or a
     *                bare name looked up on {@code PATH}
     * @param workingDirectory where the program runs
     */
    public CommandPredicate(String program, List<String> args, Path workingDirectory, Duration timeout) {
        if (program.isBlank() || program.chars().anyMatch(Character::isWhitespace)) {
            throw GaitException.invalidInput("predicate command must be one program path without white space");
        }
        boolean isPath = program.contains("/") || program.contains(File.separator);
        this.command = new ArrayList<>(List.of(isPath ? workingDirectory.resolve(program).toString() : program));
        this.command.addAll(args);
        this.workingDirectory = workingDirectory;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean holds(Candidate candidate) {
        RunpackRecorder.Recorded recorded = candidate.record();
        Path pack = candidates.write(recorded);
        List<String> argv = new ArrayList<>(command);
        argv.add(pack.toString());
        return exitCode(argv, Jcs.canonicalize(summary(recorded.runpack()))) == 0;
    }

    private static JsonObject summary(Runpack runpack) {
        return JsonObject.builder()
                .put("run_id", runpack.manifest().header().runId())
                .put("intents", new JsonArray(runpack.intents().stream().<JsonValue>map(i -> JsonObject.builder()
                        .put("intent_id", i.intentId()).put("tool_name", i.toolName()).put("args_digest", i.argsDigest())
                        .build()).toList()))
                .put("results", new JsonArray(runpack.results().stream().<JsonValue>map(r -> JsonObject.builder()
                        .put("intent_id", r.intentId()).put("status", r.status()).put("result_digest", r.resultDigest())
                        .build()).toList()))
                .build();
    }

    private int exitCode(List<String> argv, byte[] stdin) {
        BoundedProcess.Outcome outcome;
        try {
            outcome = BoundedProcess.exitCodeOf(argv, workingDirectory, stdin, timeout);
        } catch (IOException e) {
            throw GaitException.invalidInput("predicate command " + argv.getFirst() + " failed: " + e.getMessage(), e);
        }
        if (outcome.ending() == BoundedProcess.Ending.TIMED_OUT) {
            throw new GaitException(ErrorCategory.INTERNAL, "predicate command " + argv.getFirst() + " did not finish within "
                    + timeout.toSeconds() + " s; reduction aborted");
        }
        return outcome.exitCode();
    }

    /** Removes the candidate runpacks (raw captures are sensitive) and their directory. */
    @Override
    public void close() {
        candidates.close();
    }
}
