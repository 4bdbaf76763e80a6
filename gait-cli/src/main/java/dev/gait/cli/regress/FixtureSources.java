package dev.gait.cli.regress;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.runpack.CaptureCommand;
import dev.gait.cli.runpack.RunpackLocator;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonFields;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.regress.FixtureInit;
import dev.gait.core.session.SessionChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves {@code --from}: a run id or runpack path, a session chain ({@code .json}) whose checkpoint
 * {@code --checkpoint} selects, or, for {@code regress add}, a capture receipt of a runpack.
 */
final class FixtureSources {

    private FixtureSources() {}

    static FixtureInit.Source resolve(Invocation invocation, SourceFlags flags, boolean acceptCaptureReceipts) {
        String from = flags.from().get().strip();
        if (from.isEmpty()) {
            throw new UsageException("missing required --from");
        }
        if (acceptCaptureReceipts) {
            Optional<FixtureInit.Source> captured = captureReceipt(invocation, from);
            if (captured.isPresent()) {
                return captured.get();
            }
        }
        Path path = RunpackLocator.resolve(invocation, from);
        if (!from.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return plain(invocation, path);
        }
        JsonObject checkpoint = SessionChain.checkpoint(SessionChain.read(path), flags.checkpoint().get());
        JsonFields fields = JsonFields.of(checkpoint, from);
        Path runpack = RunpackLocator.resolve(invocation, fields.string("runpack_path"));
        return new FixtureInit.Source(runpack, RunpackLocator.display(invocation, runpack), from,
                fields.integer("checkpoint_index"));
    }

    private static FixtureInit.Source plain(Invocation invocation, Path runpack) {
        return new FixtureInit.Source(runpack, RunpackLocator.display(invocation, runpack), "", 0);
    }

    /** The runpack a capture receipt pins; empty when {@code from} is not a capture receipt. */
    private static Optional<FixtureInit.Source> captureReceipt(Invocation invocation, String from) {
        Path file = invocation.resolve(from);
        if (!from.toLowerCase(Locale.ROOT).endsWith(".json") || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonObject receipt;
        try {
            receipt = JsonReader.lenient().readObject(InputFiles.read(file, InputFiles.DEFAULT_MAX_BYTES));
        } catch (JsonException e) {
            return Optional.empty();
        }
        if (!receipt.string("schema_id").orElse("").equals(CaptureCommand.RECEIPT_SCHEMA_ID)) {
            return Optional.empty();
        }
        JsonFields fields = JsonFields.of(receipt, from);
        String type = fields.string("artifact_type");
        if (!type.equals("runpack")) {
            throw GaitException.invalidInput("capture receipt artifact_type \"" + type + "\" is not supported by regress add");
        }
        return Optional.of(plain(invocation, RunpackLocator.resolve(invocation, fields.string("artifact_path"))));
    }
}
