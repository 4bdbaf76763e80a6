package dev.gait.cli.guard;

import dev.gait.cli.Invocation;
import dev.gait.cli.runpack.RunpackLocator;
import dev.gait.core.guard.PackInputs;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.zip.SafeZip;
import java.nio.file.Path;

/** The runpack a pack is built from: where it lies, its records (integrity-checked) and its digests. */
record LoadedRun(Path file, RunpackReader.Records records, PackInputs.RunpackSource source) {

    static LoadedRun load(Invocation invocation, String argument) {
        Path file = RunpackLocator.resolve(invocation, argument);
        RunpackReader.Records records;
        try (SafeZip zip = SafeZip.open(file)) {
            records = RunpackReader.read(zip, RunpackLocator.display(invocation, file));
        }
        return new LoadedRun(file, records, PackInputs.RunpackSource.of(file, records));
    }

    Path directory() {
        return file.toAbsolutePath().getParent();
    }
}
