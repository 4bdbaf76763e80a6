package dev.gait.core.regress;

import dev.gait.core.error.GaitException;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.zip.SafeZip;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A runpack a grader reads.
 *
 * @param shown how results name it: as configured, relative to the working directory
 */
record RunpackFile(Path path, String shown) {

    /** The runpack at a configured path, resolved against the working directory. */
    static RunpackFile at(Path workDir, String configured) {
        try {
            Path shown = Path.of(configured).normalize();
            return new RunpackFile(workDir.resolve(shown).normalize(), shown.toString());
        } catch (InvalidPathException e) {
            throw GaitException.invalidInput("invalid runpack path: " + e.getMessage(), e);
        }
    }

    /** The pack's records, integrity-checked; the record schemas are the schema grader's to judge. */
    RunpackReader.Records read() {
        try (SafeZip zip = SafeZip.open(path)) {
            return RunpackReader.readUnvalidated(zip, shown);
        }
    }
}
