package dev.gait.core.version;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version this build reports, and records as every artifact's {@code producer_version}: the
 * release version stamped at build time, or {@code 0.0.0-dev} for development builds (as Gait's
 * own development builds do, so that golden digests stay comparable).
 */
public final class GaitVersion {
    public static final String DEVELOPMENT = "0.0.0-dev";

    private static final String CURRENT = load();

    private GaitVersion() {}

    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = GaitVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return DEVELOPMENT;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            if (version.startsWith("v")) {
                version = version.substring(1);
            }
            return version.isEmpty() || version.startsWith("${") ? DEVELOPMENT : version;
        } catch (IOException e) {
            return DEVELOPMENT;
        }
    }
}
