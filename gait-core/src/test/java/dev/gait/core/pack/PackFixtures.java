package dev.gait.core.pack;

import dev.gait.core.runpack.DemoRun;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.sign.Signer;
import dev.gait.core.version.GaitVersion;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Real packs for core tests: the demo run recorded and packed with a fresh key. */
final class PackFixtures {
    static final Ed25519KeyPair KEY = Ed25519KeyPair.generate(new SecureRandom());
    static final Signer SIGNER = new LocalSigner(KEY);

    private PackFixtures() {}

    static byte[] demoRunpack() {
        return RunpackWriter.zipBytes(new RunpackRecorder(Clock.systemUTC()).record(DemoRun.input(GaitVersion.current()), null, SIGNER));
    }

    static PackBuilder.Built demoPack(Signer signer) {
        return RunPackBuilder.build("runpack_run_demo.zip", demoRunpack(), Map.of(), Optional.empty(), GaitVersion.current(), signer);
    }
}
