package dev.gait.core.runpack;

import dev.gait.core.error.GaitException;

/**
 * {@code reference} keeps digests and drops raw intent arguments and result payloads after
 * digesting them; {@code raw} keeps the payloads (sensitive evidence).
 */
public enum CaptureMode {
    REFERENCE("reference"),
    RAW("raw");

    private final String wire;

    CaptureMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Parses a capture mode; empty means {@code reference}. */
    public static CaptureMode parse(String text) {
        return switch (text.strip()) {
            case "", "reference" -> REFERENCE;
            case "raw" -> RAW;
            default -> throw GaitException.invalidInput("unsupported capture mode: " + text + " (expected reference or raw)");
        };
    }
}
