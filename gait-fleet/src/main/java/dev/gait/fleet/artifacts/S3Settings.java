package dev.gait.fleet.artifacts;

import java.net.URI;
import java.util.Optional;

/**
 * Where the S3-compatible artifact store lives. Without an endpoint the AWS endpoint of the region
 * is used; S3-compatible servers (MinIO, Ceph and others) usually need {@code pathStyle}.
 */
public record S3Settings(String bucket, String region, Optional<URI> endpoint, boolean pathStyle) {}
