package dev.gait.core.guard;

/**
 * The artifacts a guard pack is built from (besides the runpack): each kind's schema id and the pack
 * entry it becomes: one numbered copy per input, or one summary for all inputs of the kind.
 */
public enum InputKind {
    INVENTORY("inventory", "gait.scout.inventory_snapshot", "inventory_snapshot_"),
    TRACE("trace", "gait.gate.trace", PackFiles.TRACE_SUMMARY),
    REGRESS("regress", "gait.regress.result", PackFiles.REGRESS_SUMMARY),
    APPROVAL_AUDIT("approval_audit", "gait.gate.approval_audit_record", "approval_audit_"),
    CREDENTIAL_EVIDENCE("credential_evidence", "gait.gate.broker_credential_record", "credential_evidence_");

    private final String wire;
    private final String schemaId;
    private final String entry;

    /** @param entry the summary's name, or the prefix of the numbered copies (ending in {@code _}) */
    InputKind(String wire, String schemaId, String entry) {
        this.wire = wire;
        this.schemaId = schemaId;
        this.entry = entry;
    }

    public String wire() {
        return wire;
    }

    String schemaId() {
        return schemaId;
    }

    private boolean numbered() {
        return entry.endsWith("_");
    }

    /** The pack entry derived from the {@code index}-th (1-based) input of this kind. */
    String entryName(int index) {
        return numbered() ? entry + String.format("%02d", index) + ".json" : entry;
    }

    /** Whether a pack entry of this name is derived from inputs of this kind. */
    boolean derives(String path) {
        return numbered() ? path.startsWith(entry) && path.endsWith(".json") : path.equals(entry);
    }

    static InputKind parse(String wire) {
        for (InputKind kind : values()) {
            if (kind.wire.equals(wire)) {
                return kind;
            }
        }
        return null;
    }
}
