package dev.gait.cli.fleet;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.UsageException;
import dev.gait.core.bundle.BundleRejectedException;
import dev.gait.core.bundle.FleetBundle;
import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.sign.GoKeyText;
import dev.gait.core.sign.KeySource;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet bundle a command decides with: a bundle file (the sidecar's cache, or one copied from
 * the control plane) verified offline against the control-plane keys before anything in it is used.
 */
public final class CachedBundle {
    /** The reason code of a bundle that cannot be read or does not verify: the call is blocked. */
    public static final String UNAVAILABLE = "fleet_bundle_unavailable";

    private CachedBundle() {}

    /** The control-plane public keys named by a comma-separated list of key files. */
    public static List<byte[]> trustedKeys(Invocation invocation, String flag, String files) {
        List<byte[]> keys = new ArrayList<>();
        for (String file : files.split(",")) {
            if (!file.isBlank()) {
                keys.add(GoKeyText.decodePublic(new KeySource.FileSource(invocation.resolve(file.strip()))));
            }
        }
        if (keys.isEmpty()) {
            throw new UsageException("--" + flag + " needs the control plane's public key file");
        }
        return keys;
    }

    /**
     * The verified bundle. A bundle that is missing, unreadable or fails verification fails closed:
     * an error in the policy-blocked category (exit 3) whose message starts with {@value #UNAVAILABLE}
     * and names the reason.
     *
     * @param expected the organisation and environment the bundle must be for, and the sequence it must not fall below
     */
    public static FleetBundle.Verified load(Invocation invocation, String path, List<byte[]> trustedKeys, FleetBundle.Expectation expected) {
        try {
            byte[] bytes = InputFiles.read(invocation.resolve(path), InputFiles.DEFAULT_MAX_BYTES);
            return FleetBundle.verify(bytes, trustedKeys, expected);
        } catch (BundleRejectedException e) {
            throw new GaitException(ErrorCategory.POLICY_BLOCKED, UNAVAILABLE + ": bundle " + path + " refused: " + e.getMessage(), e);
        } catch (GaitException e) {
            throw new GaitException(ErrorCategory.POLICY_BLOCKED, UNAVAILABLE + ": bundle " + path + " unreadable: " + e.getMessage(), e);
        }
    }
}
