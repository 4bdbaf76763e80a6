package dev.gait.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the Gait v1 reference data shipped with the testkit (scenarios, schemas). */
public final class GaitReference {

    private GaitReference() {}

    /** The bytes of a reference file, named by its path below {@code gait-v1/}. */
    public static byte[] bytes(String path) {
        try (InputStream in = GaitReference.class.getResourceAsStream("/gait-v1/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no Gait v1 reference file " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }
}
