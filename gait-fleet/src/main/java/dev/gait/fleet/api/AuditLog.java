package dev.gait.fleet.api;

/** The organisation's hash-chained audit log of control-plane changes. */
public interface AuditLog {

    /** The export: one JSON record a line, in chain order, verifiable offline. */
    byte[] export(String organisation);
}
