package dev.gait.core.canon;

import java.util.Locale;

/** The running platform in Go's {@code GOOS}/{@code GOARCH} spelling, so artifacts from both implementations read alike. */
public final class GoPlatform {

    private GoPlatform() {}

    /** The operating system as Go's GOOS names it. */
    public static String os() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return "linux";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return "darwin";
        }
        if (os.contains("windows")) {
            return "windows";
        }
        return os.replace(' ', '_');
    }

    /** The architecture as Go's GOARCH names it. */
    public static String arch() {
        return switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> System.getProperty("os.arch", "");
        };
    }
}
