package dev.gait.client.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

/** What {@code gait run record --json} reported: the runpack's path, digest and receipt. */
public final class RunRecord {

    private final Map<String, Object> response;
    private final Path directory;

    /** {@code directory}: where the CLI ran, which the paths it prints are relative to. */
    RunRecord(Map<String, Object> response, Path directory) {
        this.response = Collections.unmodifiableMap(response);
        this.directory = directory;
    }

    public String runId() {
        return string("run_id");
    }

    /** The runpack file, {@code runpack_<run_id>.zip}. */
    public Path bundle() {
        return directory.resolve(string("bundle")).normalize();
    }

    public String manifestDigest() {
        return string("manifest_digest");
    }

    /** {@code signed} when the pack carries a signature. */
    public String signatureStatus() {
        return string("signature_status");
    }

    /** {@code GAIT run_id=… manifest=sha256:… verify="gait verify …"}. */
    public String ticketFooter() {
        return string("ticket_footer");
    }

    public Map<String, Object> response() {
        return response;
    }

    private String string(String name) {
        return response.get(name) instanceof String s ? s : null;
    }
}
