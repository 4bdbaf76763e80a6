package dev.gait.core.pack;

import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.gate.GateTraceVerifier;
import dev.gait.core.json.JsonException;
import dev.gait.core.runpack.RunpackFiles;
import dev.gait.core.runpack.RunpackVerifier;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.zip.SafeZip;
import java.util.Arrays;
import java.util.List;

/** The kinds of artifact a pack can name as inputs, and how each one's identity is recomputed from its bytes. */
public enum InputKind {
    RUNPACK("runpack"), TRACE("trace"), PACK("pack");

    private final String wire;

    InputKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static InputKind fromWire(String text) {
        return Arrays.stream(values()).filter(kind -> kind.wire.equals(text)).findFirst()
                .orElseThrow(() -> new JsonException("unknown input kind: " + text));
    }

    /** An artifact's id and identity digest. */
    public record Identity(InputKind kind, String ref, String digest) {}

    /**
     * Recognises an artifact (a zip with {@code pack_manifest.json} is a pack, one with
     * {@code manifest.json} a runpack, anything else must be a gate trace) and recomputes its identity;
     * an artifact that fails its own integrity check is invalid input.
     */
    public static Identity identify(byte[] bytes, String name) {
        if (bytes.length > 1 && bytes[0] == 'P' && bytes[1] == 'K') {
            try (SafeZip zip = SafeZip.open(bytes, name)) {
                return zip.contains(PackFiles.MANIFEST) ? packIdentity(zip, name) : runpackIdentity(zip, name);
            }
        }
        GateTraceVerifier.Report trace = GateTraceVerifier.verify(bytes, name, List.of(), false);
        return new Identity(TRACE, trace.traceId(), Digests.jcsHex(trace.trace().without("signature")));
    }

    private static Identity packIdentity(SafeZip zip, String name) {
        PackReport report = PackVerifier.verify(zip, name, PackVerifier.Options.INTEGRITY_ONLY);
        requireIntact(report.integrityOk(), name, report.failure());
        return new Identity(PACK, report.packId(), report.packId());
    }

    private static Identity runpackIdentity(SafeZip zip, String name) {
        if (!zip.contains(RunpackFiles.MANIFEST)) {
            throw GaitException.invalidInput(name + " is neither a pack nor a runpack");
        }
        VerifyReport report = RunpackVerifier.verify(zip, name, List.of(), false);
        requireIntact(report.integrityOk(), name, report.failure());
        return new Identity(RUNPACK, report.runId(), report.manifestDigest());
    }

    private static void requireIntact(boolean intact, String name, String failure) {
        if (!intact) {
            throw GaitException.invalidInput(name + " failed its integrity check: " + failure);
        }
    }
}
