package dev.gait.fleet.ingest;

/** The artifact families the control plane ingests, with their wire names. */
public enum ArtifactKind {
    RUNPACK("runpack"), PACK("pack"), EVIDENCE_PACK("evidence_pack"), TRACE("trace");

    private final String wire;

    ArtifactKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
