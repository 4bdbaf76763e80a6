package dev.gait.fleet.artifacts;

import dev.gait.core.digest.Digests;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Blobs as objects of one S3 bucket, through the AWS SDK's URL-connection HTTP client. */
public final class S3ArtifactStore implements ArtifactStore {

    private static final int NOT_FOUND = 404;

    private final S3Client s3;
    private final String bucket;

    private S3ArtifactStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * Connects to the bucket. Checksums are only sent and checked where S3 requires them, which
     * S3-compatible servers understand; the store checks every read against its SHA-256 anyway.
     */
    public static S3ArtifactStore connect(S3Settings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return new S3ArtifactStore(builder.build(), settings.bucket());
    }

    @Override
    public String put(String orgId, byte[] content) {
        String digest = Digests.sha256Hex(content);
        if (!exists(orgId, digest)) {
            s3.putObject(request -> request.bucket(bucket).key(ArtifactKeys.key(orgId, digest)), RequestBody.fromBytes(content));
        }
        return digest;
    }

    @Override
    public Optional<byte[]> get(String orgId, String digest) {
        try {
            byte[] content = s3.getObjectAsBytes(request -> request.bucket(bucket).key(ArtifactKeys.key(orgId, digest)))
                    .asByteArray();
            return Optional.of(ArtifactKeys.verified(digest, content));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String orgId, String digest) {
        try {
            s3.headObject(request -> request.bucket(bucket).key(ArtifactKeys.key(orgId, digest)));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<String> list(String orgId) {
        String prefix = ArtifactKeys.prefix(orgId);
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix))
                .contents()
                .stream()
                .map(S3Object::key)
                .map(key -> key.substring(prefix.length()))
                .filter(Digests::isSha256Hex)
                .sorted()
                .toList();
    }

    @Override
    public boolean delete(String orgId, String digest) {
        boolean existed = exists(orgId, digest);
        s3.deleteObject(request -> request.bucket(bucket).key(ArtifactKeys.key(orgId, digest)));
        return existed;
    }

    @Override
    public void close() {
        s3.close();
    }
}
