package dev.gait.serve;

import dev.gait.core.sign.KeySource;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the sidecar.
 *
 * @param host the address to listen on; anything but loopback needs {@code authToken}
 * @param port the port, 0 for any free one
 * @param key the signing key; a key file is watched for changes
 * @param killSwitch the kill-switch state file, or null for none
 * @param traceDir where one trace file per decision goes (unless {@code traceLog} is set)
 * @param traceLog the append-only trace log, or null for one file per decision
 * @param traceLogSync zero to sync each log record before its answer, else the longest a record stays unsynced
 * @param rateLimitState the policy's shared rate-limit state file
 * @param authToken the bearer token every request must carry, or null for none
 * @param maxBodyBytes the largest request body accepted (413 above)
 * @param maxRequestsPerSecond decision calls a second before 429, 0 for no limit
 * @param settle how long a changed file must stay unchanged before it is read
 * @param poll how often a background check reloads changed files between requests
 * @param correlationId the {@code correlation_id} of every decision of this process
 * @param auditDir where the approval and delegation audit records of decisions with tokens go
 * @param tokenKeys the keys that verify presented approval and delegation tokens
 */
public record SidecarOptions(String host, int port, Path policy, KeySource key, Path killSwitch, Path traceDir, Path traceLog,
                             Duration traceLogSync, Path rateLimitState, String authToken, int maxBodyBytes, long maxRequestsPerSecond, Duration settle,
                             Duration poll, String correlationId, Path auditDir, Decider.TokenKeys tokenKeys) {}
