package dev.gait.core.doctor;

import dev.gait.core.error.GaitException;
import dev.gait.core.sign.GoKeyText;
import dev.gait.core.sign.KeySource;
import dev.gait.core.sign.LocalKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The signing-key checks: one source per key, private file permissions, and keys that load and belong together. */
final class KeyChecks {

    private KeyChecks() {}

    static DoctorCheck sourceAmbiguity(KeySettings keys) {
        String name = "key_source_ambiguity";
        if (!keys.privateKeyPath().isBlank() && !keys.privateKeyEnv().isBlank()) {
            return DoctorCheck.fail(DoctorCheck.UNIVERSAL, name, "private key path and env are both set",
                    "set only one of --private-key or --private-key-env");
        }
        if (!keys.publicKeyPath().isBlank() && !keys.publicKeyEnv().isBlank()) {
            return DoctorCheck.fail(DoctorCheck.UNIVERSAL, name, "public key path and env are both set",
                    "set only one of --public-key or --public-key-env");
        }
        return DoctorCheck.pass(DoctorCheck.UNIVERSAL, name, "key source configuration is unambiguous");
    }

    /** Key files others can change are a forgery risk; a private key others can read is a leak. */
    static DoctorCheck permissions(KeySettings keys) {
        String name = "key_permissions";
        List<String> paths = new ArrayList<>();
        for (String path : List.of(keys.privateKeyPath(), keys.publicKeyPath())) {
            if (!path.isBlank()) {
                paths.add(path);
            }
        }
        if (paths.isEmpty()) {
            return DoctorCheck.pass(DoctorCheck.UNIVERSAL, name, "no key file paths configured");
        }
        for (String text : paths) {
            Path path = Path.of(text);
            if (!Files.exists(path)) {
                return DoctorCheck.warn(DoctorCheck.UNIVERSAL, name, "key file not accessible: " + path, "ls -l " + Shell.quote(path));
            }
            if (Files.isDirectory(path)) {
                return DoctorCheck.warn(DoctorCheck.UNIVERSAL, name, "key path is a directory: " + path,
                        "point the key flag at the key file inside " + Shell.quote(path));
            }
            Set<PosixFilePermission> permissions;
            try {
                permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            } catch (UnsupportedOperationException e) {
                continue; // not a POSIX file system: its ACLs are the platform's business
            } catch (IOException e) {
                return DoctorCheck.warn(DoctorCheck.UNIVERSAL, name, "key file not accessible: " + path + " (" + e.getMessage() + ")",
                        "ls -l " + Shell.quote(path));
            }
            if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                return DoctorCheck.warn(DoctorCheck.UNIVERSAL, name, "key file is writable by group/others: " + path,
                        "chmod go-w " + Shell.quote(path));
            }
            boolean privateKey = text.equals(keys.privateKeyPath());
            if (privateKey && (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ))) {
                return DoctorCheck.warn(DoctorCheck.UNIVERSAL, name, "private key file is readable by group/others: " + path,
                        "chmod go-rw " + Shell.quote(path));
            }
        }
        return DoctorCheck.pass(DoctorCheck.UNIVERSAL, name, "key file permissions are strict");
    }

    /**
     * The key that would sign: prod mode must load the private key it names; dev mode signs with a key
     * given explicitly, else with the user's local key, which must load if it exists. A public key
     * given must load and match the private key.
     */
    static DoctorCheck config(KeySettings keys, Map<String, String> environment) {
        String name = "key_config";
        String mode = keys.prod() ? "prod" : "dev";
        if (keys.prod() && !keys.hasPrivateSource()) {
            return DoctorCheck.fail(DoctorCheck.UNIVERSAL, name, "prod key mode needs a private key",
                    "set --private-key <path> or --private-key-env <VAR> for prod mode (or gate.private_key[_env] in .gait/config.yaml)");
        }
        try {
            byte[] signing;
            String signingSource;
            if (keys.hasPrivateSource()) {
                KeySource source = privateSource(keys, environment);
                signing = GoKeyText.decodePrivate(source).publicKey();
                signingSource = source.describe();
            } else {
                LocalKeyStore local = LocalKeyStore.forEnvironment(environment);
                if (!Files.exists(local.privateKeyPath())) {
                    return DoctorCheck.pass(DoctorCheck.UNIVERSAL, name,
                            "dev key mode; a local signing key is created on first use at " + local.privateKeyPath());
                }
                signing = GoKeyText.decodePrivate(new KeySource.FileSource(local.privateKeyPath())).publicKey();
                signingSource = local.privateKeyPath().toString();
            }
            if (keys.hasPublicSource()) {
                KeySource publicSource = keys.publicKeyPath().isBlank()
                        ? new KeySource.EnvSource(keys.publicKeyEnv(), environment) : new KeySource.FileSource(Path.of(keys.publicKeyPath()));
                if (!Arrays.equals(GoKeyText.decodePublic(publicSource), signing)) {
                    return DoctorCheck.fail(DoctorCheck.UNIVERSAL, name,
                            "public key " + publicSource.describe() + " does not belong to the private key " + signingSource,
                            "gait keys verify --private-key <path> --public-key <path>");
                }
            }
            return DoctorCheck.pass(DoctorCheck.UNIVERSAL, name, mode + " key mode; signing key " + signingSource + " loads");
        } catch (GaitException e) {
            return DoctorCheck.fail(DoctorCheck.UNIVERSAL, name, "invalid " + mode + " signing key config: " + e.getMessage(),
                    keys.hasPrivateSource() ? "gait keys verify " + privateFlag(keys) + " (or create a pair with gait keys init)"
                            : "move the broken local key aside; gait creates a new one on first use (gait keys init makes a named pair)");
        }
    }

    private static KeySource privateSource(KeySettings keys, Map<String, String> environment) {
        return keys.privateKeyPath().isBlank()
                ? new KeySource.EnvSource(keys.privateKeyEnv(), environment) : new KeySource.FileSource(Path.of(keys.privateKeyPath()));
    }

    private static String privateFlag(KeySettings keys) {
        return keys.privateKeyPath().isBlank()
                ? "--private-key-env " + keys.privateKeyEnv() : "--private-key " + Shell.quote(keys.privateKeyPath());
    }
}
