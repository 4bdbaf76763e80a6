package dev.gait.cli.pack;

import dev.gait.cli.Invocation;
import dev.gait.cli.runpack.RunpackLocator;
import dev.gait.core.json.JsonObject;
import dev.gait.core.zip.SafeZip;
import java.nio.file.Path;

/** What every {@code gait pack} command shares: the {@code gait.pack.output} envelope and how packs are named. */
final class PackOutput {
    static final String SCHEMA_ID = "gait.pack.output";

    private PackOutput() {}

    /** The start of a {@code gait.pack.output} document for {@code operation}. */
    static JsonObject.Builder envelope(String operation) {
        return JsonObject.builder().put("schema_id", SCHEMA_ID).put("schema_version", "1.0.0").put("operation", operation);
    }

    /** A pack named on the command line, opened defensively; a missing file or a non-zip is invalid input. */
    static SafeZip open(Invocation invocation, String argument) {
        return SafeZip.open(invocation.resolve(argument));
    }

    /** How a path is shown: relative to the working directory when inside it. */
    static String shown(Invocation invocation, String argument) {
        return RunpackLocator.display(invocation, invocation.resolve(argument));
    }

    static String shown(Invocation invocation, Path path) {
        return RunpackLocator.display(invocation, path);
    }
}
