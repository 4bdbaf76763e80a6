package dev.gait.cli.keys;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.ExitCode;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.GoKeyText;
import dev.gait.core.sign.KeySource;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.sign.SignatureRecord;
import dev.gait.core.sign.Signatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code gait keys verify}: checks that a private key and its public key are well formed, belong
 * together, and sign and verify. Without key flags it checks {@code <out-dir>/<prefix>_*.key}.
 * A pair that does not match exits 2; unreadable or malformed keys exit 6.
 */
final class KeysVerify extends LeafCommand<KeysVerify.VerifyFlags> {

    record VerifyFlags(KeyLocation location, KeySourceFlags sources) {}

    KeysVerify() {
        super("verify", "Check that a private key and a public key are well formed and belong together.",
                "keys verify checks that a Gait private key and public key are well formed, match each other and produce verifiable signatures.");
    }

    @Override
    protected VerifyFlags declare(FlagSet flags) {
        return new VerifyFlags(KeyLocation.declare(flags), KeySourceFlags.declare(flags));
    }

    @Override
    protected int execute(Invocation invocation, Output output, VerifyFlags flags, List<String> positionals) {
        KeySource privateSource = flags.sources().privateSource(invocation).orElse(null);
        KeySource publicSource = flags.sources().publicSource(invocation).orElse(null);
        if (privateSource == null && publicSource == null) {
            Path directory = flags.location().directory(invocation);
            String prefix = flags.location().checkedPrefix();
            privateSource = new KeySource.FileSource(directory.resolve(prefix + "_private.key"));
            publicSource = new KeySource.FileSource(directory.resolve(prefix + "_public.key"));
        }

        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String keyId;
        if (privateSource != null) {
            Ed25519KeyPair pair = GoKeyText.decodePrivate(privateSource);
            keyId = pair.keyId();
            warnAboutPermissions(privateSource, warnings);
            if (publicSource != null && !MessageDigest.isEqual(pair.publicKey(), GoKeyText.decodePublic(publicSource))) {
                problems.add("public key " + publicSource.describe() + " does not belong to private key " + privateSource.describe());
            }
            String probe = Digests.sha256Hex("gait keys verify probe");
            SignatureRecord signature = Signatures.signDigest(new LocalSigner(pair), probe);
            Signatures.Verification check = Signatures.verifyDigest(pair.publicKey(), signature, probe);
            if (!check.verified()) {
                problems.add("signing probe failed: " + check.reason());
            }
        } else {
            keyId = Ed25519KeyPair.keyId(GoKeyText.decodePublic(publicSource));
        }

        boolean ok = problems.isEmpty();
        JsonObject.Builder payload = JsonObject.builder()
                .put("key_id", keyId)
                .putOmitEmpty("private_key", privateSource == null ? "" : privateSource.describe())
                .putOmitEmpty("public_key", publicSource == null ? "" : publicSource.describe())
                .putStringsOmitEmpty("warnings", warnings);
        List<String> text = new ArrayList<>(List.of("key_id=" + keyId, "status=" + (ok ? "ok" : "failed")));
        warnings.forEach(w -> text.add("warning=" + w));
        if (!ok) {
            payload.put("error", String.join("; ", problems));
            problems.forEach(p -> text.add("error=" + p));
        }
        return output.result(ok, ok ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, payload.build(), text);
    }

    private static void warnAboutPermissions(KeySource source, List<String> warnings) {
        if (!(source instanceof KeySource.FileSource(Path path))) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                warnings.add("private key " + path + " is accessible by group or others; restrict it to mode 0600");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // permissions are advisory; an unreadable key already failed above
        }
    }
}
