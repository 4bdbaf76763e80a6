package dev.gait.serve.fleet;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the sidecar follows a fleet control plane.
 *
 * @param controlPlane the control plane's base URL; the bundle is at {@code /v1/environments/{environment}/bundle}
 * @param org the organisation the bundles must be for, or empty to accept the first verified bundle's
 * @param environment the environment whose bundle this enforcement point enforces
 * @param credential the enforcement point's bearer credential, or null to send none
 * @param trustedKeys the control-plane public keys a bundle must be signed by
 * @param cacheDir where the last known good bundle is kept across restarts
 * @param longPoll how long the control plane may hold a poll open when nothing changed
 * @param enforcementPoint the id status reports are sent under, or empty to send none
 */
public record FleetOptions(URI controlPlane, String org, String environment, String credential, List<byte[]> trustedKeys, Path cacheDir,
                           Duration longPoll, String enforcementPoint) {
    public FleetOptions {
        trustedKeys = List.copyOf(trustedKeys);
    }
}
