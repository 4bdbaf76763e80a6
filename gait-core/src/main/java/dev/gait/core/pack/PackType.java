package dev.gait.core.pack;

import java.util.Arrays;
import java.util.Optional;

/** The PackSpec v1 pack types. This project builds run packs; it reads the manifests of all four. */
public enum PackType {
    RUN("run"), JOB("job"), CALL("call"), AUTHORIZATION("authorization");

    private final String wire;

    PackType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<PackType> fromWire(String text) {
        return Arrays.stream(values()).filter(type -> type.wire.equals(text)).findFirst();
    }
}
