package dev.gait.core.runpack;

import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.zip.DeterministicZip;
import java.nio.file.Path;

/** Writes a recorded runpack as {@code runpack_<run_id>.zip}, atomically, mode 0600. */
public final class RunpackWriter {

    private RunpackWriter() {}

    public static String fileName(String runId) {
        return "runpack_" + runId + ".zip";
    }

    public static byte[] zipBytes(RunpackRecorder.Recorded recorded) {
        return DeterministicZip.write(recorded.entries());
    }

    public static Path write(Path directory, RunpackRecorder.Recorded recorded) {
        Path target = directory.resolve(fileName(recorded.runId()));
        AtomicFiles.write(target, zipBytes(recorded));
        return target;
    }

    /** Gait's ticket footer: a line to paste into an incident ticket that says how to verify the run. */
    public static String ticketFooter(String runId, String manifestDigest) {
        return "GAIT run_id=" + runId + " manifest=sha256:" + manifestDigest + " verify=\"gait verify " + runId + "\"";
    }
}
