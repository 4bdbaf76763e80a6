package dev.gait.fleet.artifacts;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileArtifactStoreTest extends ArtifactStoreConformance {

    @TempDir
    Path root;

    @Override
    protected ArtifactStore newStore() {
        return new FileArtifactStore(root);
    }

    @Override
    protected void overwrite(String orgId, String digest, byte[] content) throws Exception {
        Files.write(root.resolve(ArtifactKeys.key(orgId, digest)), content);
    }
}
