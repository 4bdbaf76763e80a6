package dev.gait.fleet.api;

import java.util.List;

/** The Ed25519 public keys (raw 32 bytes) whose signatures an organisation accepts on uploaded artifacts. */
public interface TrustedKeys {
    List<byte[]> of(String organisation);
}
