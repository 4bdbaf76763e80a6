package dev.gait.core.replay;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import java.util.Map;
import java.util.Set;

/**
 * Real replay repeats side effects, so it needs every interlock at once: the explicit unsafe flag,
 * a per-tool allow list, the environment switch, and a raw-capture runpack (a reference runpack
 * holds no arguments to replay). Each missing interlock refuses with exit 8 and names itself.
 */
public final class RealReplayInterlocks {
    public static final String DEFAULT_ENV = "GAIT_ALLOW_REAL_REPLAY";

    private RealReplayInterlocks() {}

    /**
     * @param envName the environment variable that must be {@code 1} (default {@link #DEFAULT_ENV})
     * @param captureMode the runpack's capture mode
     */
    public static void check(boolean unsafeRealTools, Set<String> allowTools, Map<String, String> environment, String envName,
                             String captureMode) {
        if (!unsafeRealTools) {
            throw refused("--unsafe-real-tools", "real replay repeats side effects; pass --unsafe-real-tools to confirm");
        }
        if (allowTools.isEmpty()) {
            throw refused("--allow-tools", "real replay needs --allow-tools naming each tool that may run");
        }
        if (!envName.startsWith("GAIT_")) {
            // a variable that is 1 for other reasons (SHLVL, say) is no switch
            throw refused(DEFAULT_ENV, "the real-replay switch must be a GAIT_ variable, got " + envName);
        }
        if (!"1".equals(environment.getOrDefault(envName, "").strip())) {
            throw refused(envName, "real replay needs " + envName + "=1 in the environment");
        }
        if (!"raw".equals(captureMode)) {
            throw refused("capture_mode=raw", "real replay requires capture_mode=raw; this runpack is " + captureMode
                    + " and holds no arguments to replay");
        }
    }

    private static GaitException refused(String interlock, String message) {
        return new GaitException(ErrorCategory.UNSAFE_OPERATION, "interlock " + interlock + " missing: " + message);
    }
}
