package dev.gait.core.sign;

/** {@code verified}: a signature checks out with a trusted key; {@code failed}: none does. */
public enum SignatureStatus {
    VERIFIED("verified"), FAILED("failed"), MISSING("missing"), SKIPPED("skipped");

    private final String wire;

    SignatureStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
