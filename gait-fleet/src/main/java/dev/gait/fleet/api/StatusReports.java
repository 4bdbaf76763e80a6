package dev.gait.fleet.api;

import dev.gait.fleet.distribution.PointStatus;
import java.util.List;

/** The last status report of each enforcement point, per environment. */
public interface StatusReports {

    void record(String environment, PointStatus status);

    List<PointStatus> latest(String environment);
}
