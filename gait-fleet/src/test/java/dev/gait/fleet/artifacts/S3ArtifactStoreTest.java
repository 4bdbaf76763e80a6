package dev.gait.fleet.artifacts;

import java.net.URI;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against an in-process S3 server (s3proxy over memory), a new bucket for each test. */
class S3ArtifactStoreTest extends ArtifactStoreConformance {

    private static final String ACCESS_KEY = "fleet-test";
    private static final String SECRET_KEY = "fleet-test-secret";
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private static S3Proxy proxy;
    private static URI endpoint;

    private String bucket;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @AfterAll
    static void stopS3() throws Exception {
        proxy.stop();
    }

    @Override
    protected ArtifactStore newStore() {
        bucket = "artifacts-" + BUCKETS.incrementAndGet();
        try (S3Client admin = client()) {
            admin.createBucket(request -> request.bucket(bucket));
        }
        return S3ArtifactStore.connect(settings(), credentials());
    }

    @Override
    protected void overwrite(String orgId, String digest, byte[] content) {
        try (S3Client admin = client()) {
            admin.putObject(request -> request.bucket(bucket).key(ArtifactKeys.key(orgId, digest)), RequestBody.fromBytes(content));
        }
    }

    private S3Settings settings() {
        return new S3Settings(bucket, "us-east-1", Optional.of(endpoint), true);
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    private S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
