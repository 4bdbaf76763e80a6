package dev.gait.core.guard;

import dev.gait.core.json.JsonObject;
import dev.gait.core.zip.DeterministicZip;
import java.util.Map;

/**
 * A built evidence pack: its manifest (signed or not), every entry including the manifest, and the
 * control index it was built with.
 */
public record EvidencePack(String packId, JsonObject manifest, Map<String, byte[]> entries, ControlIndex controlIndex) {

    public EvidencePack {
        entries = Map.copyOf(entries);
    }

    public boolean signed() {
        return manifest.has("signatures");
    }

    /** The deterministic zip: the same inputs and key give the same bytes. */
    public byte[] zipBytes() {
        return DeterministicZip.write(entries);
    }
}
