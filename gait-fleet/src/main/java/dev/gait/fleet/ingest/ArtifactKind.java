package dev.gait.fleet.ingest;

import dev.gait.fleet.error.FleetException;
import java.util.Locale;

/** What an uploaded artifact is. */
public enum ArtifactKind {
    RUNPACK,
    TRACE,
    PACK,
    EVIDENCE_PACK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ArtifactKind fromWireName(String name) {
        for (ArtifactKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        throw FleetException.invalid("unknown artifact kind: " + name);
    }
}
