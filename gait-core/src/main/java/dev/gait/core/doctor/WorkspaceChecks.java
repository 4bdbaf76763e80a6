package dev.gait.core.doctor;

import dev.gait.core.config.GateDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The universal file-system checks: workspace, output and temporary directories, and a stale gate lock. */
final class WorkspaceChecks {
    /** The rate-limit lock is held for milliseconds; one this old was left behind by a crashed process. */
    static final Duration STALE_LOCK = Duration.ofSeconds(30);
    /** Where {@code gate eval} keeps rate-limit state unless told otherwise. */
    static final String DEFAULT_RATE_LIMIT_STATE = ".gait-out/gate_rate_limits.json";

    private WorkspaceChecks() {}

    static DoctorCheck workDir(Path dir) {
        String name = "workdir";
        if (!Files.exists(dir)) {
            return DoctorCheck.fail(DoctorCheck.UNIVERSAL, name, "workdir not accessible: " + dir, "mkdir -p " + Shell.quote(dir));
        }
        if (!Files.isDirectory(dir)) {
            return DoctorCheck.fail(DoctorCheck.UNIVERSAL, name, "workdir is not a directory: " + dir,
                    "gait doctor --workdir <directory>");
        }
        return writable(name, dir, "workdir");
    }

    static DoctorCheck outputDir(Path dir) {
        String name = "output_dir";
        if (!Files.exists(dir)) {
            return DoctorCheck.warn(DoctorCheck.UNIVERSAL, name, "output directory does not exist: " + dir, "mkdir -p " + Shell.quote(dir));
        }
        if (!Files.isDirectory(dir)) {
            return DoctorCheck.fail(DoctorCheck.UNIVERSAL, name, "output path is not a directory: " + dir,
                    "mv " + Shell.quote(dir) + " " + Shell.quote(dir + ".bak") + " && mkdir -p " + Shell.quote(dir));
        }
        return writable(name, dir, "output directory");
    }

    private static DoctorCheck writable(String name, Path dir, String what) {
        String failure = probeWrite(dir);
        if (!failure.isEmpty()) {
            return DoctorCheck.fail(DoctorCheck.UNIVERSAL, name, what + " not writable: " + failure, "chmod u+w " + Shell.quote(dir));
        }
        return DoctorCheck.pass(DoctorCheck.UNIVERSAL, name, what + " is writable");
    }

    /** {@code $TMPDIR}, else the platform's temporary directory. */
    static DoctorCheck tempDir(DoctorContext context) {
        String name = "temp_dir";
        String configured = context.env("TMPDIR").isBlank() ? System.getProperty("java.io.tmpdir", "") : context.env("TMPDIR");
        if (configured.isBlank()) {
            return DoctorCheck.fail(DoctorCheck.UNIVERSAL, name, "temporary directory is not configured", "export TMPDIR=/tmp");
        }
        Path dir = Path.of(configured);
        String failure = probeWrite(dir);
        if (!failure.isEmpty()) {
            return DoctorCheck.fail(DoctorCheck.UNIVERSAL, name, "temporary directory is not writable: " + failure,
                    "chmod u+w " + Shell.quote(dir) + " (or export TMPDIR=<a writable directory>)");
        }
        return DoctorCheck.pass(DoctorCheck.UNIVERSAL, name, "temporary directory is writable");
    }

    /** The lock beside the rate-limit state {@code gate eval} uses here (the project's, else the default). */
    static DoctorCheck rateLimitLock(DoctorContext context, GateDefaults gate) {
        String name = "gate_rate_limit_lock";
        String state = gate.get("rate_limit_state").isEmpty() ? DEFAULT_RATE_LIMIT_STATE : gate.get("rate_limit_state");
        Path lock = context.workDir().resolve(state + ".lock");
        Instant modified;
        try {
            if (Files.isDirectory(lock)) {
                return DoctorCheck.warn(DoctorCheck.UNIVERSAL, name, "gate rate-limit lock path is a directory: " + lock,
                        "mv " + Shell.quote(lock) + " " + Shell.quote(lock + ".bak"));
            }
            modified = Files.getLastModifiedTime(lock).toInstant();
        } catch (NoSuchFileException e) {
            return DoctorCheck.pass(DoctorCheck.UNIVERSAL, name, "no stale gate rate-limit lock detected");
        } catch (IOException e) {
            return DoctorCheck.warn(DoctorCheck.UNIVERSAL, name, "unable to inspect gate lock file: " + e.getMessage(),
                    "ls -l " + Shell.quote(lock));
        }
        Duration age = Duration.between(modified, context.now());
        if (age.compareTo(STALE_LOCK) > 0) {
            return DoctorCheck.warn(DoctorCheck.UNIVERSAL, name, "stale gate rate-limit lock detected (" + age.toSeconds() + "s old): " + lock,
                    "rm -f " + Shell.quote(lock));
        }
        return DoctorCheck.pass(DoctorCheck.UNIVERSAL, name, "gate rate-limit lock is not stale");
    }

    /** Subsystems of Gait v1 this build does not have: said plainly rather than passed. */
    static DoctorCheck jobRuntimeDurability() {
        return DoctorCheck.notAvailable(DoctorCheck.UNIVERSAL, "job_runtime_durability",
                "the durable job runtime (gait job) is not part of this build; there is no job state to check",
                "nothing to do until gait job ships (see docs/doctor.md#checks)");
    }

    static DoctorCheck registryCache() {
        return DoctorCheck.notAvailable(DoctorCheck.UNIVERSAL, "registry_cache",
                "the pack registry (gait registry) is not part of this build; there is no registry cache to check",
                "nothing to do until gait registry ships (see docs/doctor.md#checks)");
    }

    /** Creates and removes a uniquely named probe file in {@code dir}; returns why it could not, or {@code ""}. */
    private static String probeWrite(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".gait-doctor-", ".tmp"));
            return "";
        } catch (IOException e) {
            return e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage();
        }
    }
}
