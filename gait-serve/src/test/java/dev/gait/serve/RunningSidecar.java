package dev.gait.serve;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests against one sidecar with default options, started before and stopped after each test. */
abstract class RunningSidecar {
    @TempDir
    Path dir;
    SidecarFixture fixture;

    @BeforeEach
    void start() {
        fixture = new SidecarFixture(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }
}
