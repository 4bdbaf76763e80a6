package dev.gait.fleet.posture;

import dev.gait.fleet.auth.Principal;
import java.time.Duration;
import java.util.List;

/** Status reports of enforcement points and the per-environment view of stale and drifted ones. */
public interface Posture {

    /** Records the calling machine's status (replacing its previous report). */
    void report(Principal machine, StatusReport report);

    /** Every enforcement point of the environment with its state; reports older than {@code staleAfter} are stale. */
    List<PointPosture> environment(Principal caller, String environmentId, Duration staleAfter);
}
