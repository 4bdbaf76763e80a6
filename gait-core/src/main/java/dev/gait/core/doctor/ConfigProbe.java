package dev.gait.core.doctor;

import dev.gait.core.config.ProjectConfig;
import dev.gait.core.error.GaitException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The workspace's {@code .gait/config.yaml} as doctor finds it: absent, parsed, or broken with the reason. */
record ConfigProbe(Path path, boolean present, ProjectConfig config, String error) {

    static ConfigProbe of(Path workDir) {
        Path path = workDir.resolve(ProjectConfig.DEFAULT_PATH);
        if (!Files.exists(path)) {
            return new ConfigProbe(path, false, ProjectConfig.EMPTY, "");
        }
        try {
            return new ConfigProbe(path, true, ProjectConfig.load(path), "");
        } catch (GaitException e) {
            return new ConfigProbe(path, true, ProjectConfig.EMPTY, e.getMessage());
        }
    }

    boolean broken() {
        return !error.isEmpty();
    }

    /** The universal check: a broken configuration breaks every {@code gate eval} that reads it. */
    DoctorCheck check() {
        String name = "project_config";
        if (broken()) {
            return DoctorCheck.fail(DoctorCheck.UNIVERSAL, name, "invalid " + ProjectConfig.DEFAULT_PATH + ": " + error,
                    "edit " + Shell.quote(path) + " (keys: docs/doctor.md#configuration), then run gait check");
        }
        if (!present) {
            return DoctorCheck.pass(DoctorCheck.UNIVERSAL, name, "no " + ProjectConfig.DEFAULT_PATH + "; built-in defaults apply");
        }
        return DoctorCheck.pass(DoctorCheck.UNIVERSAL, name, ProjectConfig.DEFAULT_PATH + " is valid");
    }
}
