package dev.gait.cli.pack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.keys.SigningKeys;
import dev.gait.cli.output.Output;
import dev.gait.cli.runpack.RunpackLocator;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.pack.PackBuilder;
import dev.gait.core.pack.PackFiles;
import dev.gait.core.pack.PackReport;
import dev.gait.core.pack.PackVerifier;
import dev.gait.core.pack.Predecessor;
import dev.gait.core.pack.RunPackBuilder;
import dev.gait.core.json.JsonObject;
import dev.gait.core.session.SessionChain;
import dev.gait.core.sign.Signer;
import dev.gait.core.version.GaitVersion;
import dev.gait.core.zip.SafeZip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gait pack build --type run --from <run_id|path|chain.json>}: a PackSpec run pack, as Gait v1
 * builds it, signed by default with the given or the user's local key ({@code --unsigned} opts out),
 * with an attestation naming its inputs and, with {@code --predecessor}, the pack it continues.
 */
final class PackBuildCommand extends LeafCommand<PackBuildCommand.Flags> {

    /** Packs and the runpacks inside them are read whole; Gait readers cap any entry at this size. */
    private static final int MAX_INPUT_BYTES = (int) PackFiles.MAX_ENTRY_BYTES;

    record Flags(Flag<String> type, Flag<String> from, Flag<String> out, Flag<String> inputs, Flag<String> predecessor,
                 Flag<Boolean> unsigned, KeyFlagPair privateKey) {}

    PackBuildCommand() {
        super("build", "Build a signed PackSpec pack from a run, naming its inputs and predecessor.",
                "pack build packages a run as a PackSpec pack, signed by default, with an in-toto attestation of its inputs and predecessor.",
                "[<run_id|path>]", 1);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.choice("type", "run", "pack type: run (job, call and authorization need subsystems not built yet)",
                        "run", "job", "call", "authorization"),
                flags.string("from", "", "the run: a run id, a runpack path, or a session chain (.json, latest checkpoint)"),
                flags.string("out", "", "pack path (default pack_<pack_id>.zip beside the runpack)"),
                flags.string("input", "", "comma-separated further inputs (gate traces, runpacks, packs) kept under inputs/"),
                flags.string("predecessor", "", "the pack this one continues; it must be intact"),
                flags.bool("unsigned", false, "build an unsigned pack (verify then needs --allow-unsigned)"),
                KeyFlagPair.declare(flags, "private-key", "Gait private key to sign with (default: your local key)"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (!flags.from().get().isBlank() && !positionals.isEmpty()) {
            throw new UsageException("name the run once: --from or an argument, not both");
        }
        String from = positionals.isEmpty() ? flags.from().get().strip() : positionals.getFirst().strip();
        if (from.isEmpty()) {
            throw new UsageException("--from is required");
        }
        if (!flags.type().get().equals("run")) {
            throw GaitException.invalidInput("pack build --type " + flags.type().get() + " is not supported: it needs the "
                    + flags.type().get() + " subsystem, which this implementation does not have yet; build run packs with --type run");
        }
        boolean explicitKey = flags.privateKey().source(invocation).isPresent();
        if (flags.unsigned().get() && explicitKey) {
            throw new UsageException("--unsigned cannot be combined with --private-key or --private-key-env");
        }
        Optional<Path> out = flags.out().get().isBlank() ? Optional.empty() : Optional.of(output(invocation, flags.out().get().strip()));
        Path runpack = runpack(invocation, from);
        Optional<Predecessor> predecessor = predecessor(invocation, flags.predecessor().get().strip());
        Signer signer = flags.unsigned().get() ? null : SigningKeys.signer(invocation, flags.privateKey());
        PackBuilder.Built built = RunPackBuilder.build(runpack.getFileName().toString(), InputFiles.read(runpack, MAX_INPUT_BYTES),
                inputs(invocation, flags.inputs().get()), predecessor, GaitVersion.current(), signer);

        Path target = out.orElse(runpack.toAbsolutePath().getParent().resolve(PackFiles.fileName(built.packId())));
        AtomicFiles.write(target, built.zipBytes());
        String shown = PackOutput.shown(invocation, target);

        List<String> warnings = signer == null ? List.of("unsigned pack: pack verify accepts it only with --allow-unsigned") : List.of();
        JsonObject json = PackOutput.envelope("build")
                .put("path", shown)
                .put("pack_id", built.packId())
                .put("pack_type", built.manifest().packType())
                .put("source_ref", built.manifest().sourceRef())
                .put("signature_status", signer == null ? "unsigned" : "signed")
                .putOmitEmpty("signature_key_id", signer == null ? "" : signer.keyId())
                .putOmitEmpty("predecessor_pack_id", predecessor.map(Predecessor::packId).orElse(""))
                .putStringsOmitEmpty("warnings", warnings)
                .build();
        List<String> text = new ArrayList<>(List.of("pack build ok: " + shown + " (" + built.manifest().packType() + ")",
                "pack_id=" + built.packId(), "signature_status=" + (signer == null ? "unsigned" : "signed")));
        predecessor.ifPresent(p -> text.add("predecessor_pack_id=" + p.packId()));
        warnings.forEach(w -> text.add("warning=" + w));
        return output.success(json, text);
    }

    /** The runpack named by {@code --from}: a run id or path, or the latest checkpoint of a session chain. */
    private static Path runpack(Invocation invocation, String from) {
        if (!from.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return RunpackLocator.resolve(invocation, from);
        }
        List<JsonObject> checkpoints = SessionChain.checkpoints(SessionChain.read(invocation.resolve(from)));
        return RunpackLocator.resolve(invocation, checkpoints.getLast().string("runpack_path").orElse(""));
    }

    /** The predecessor's identity; it must be an intact PackSpec pack whose pack id checks out. */
    private static Optional<Predecessor> predecessor(Invocation invocation, String argument) {
        if (argument.isEmpty()) {
            return Optional.empty();
        }
        try (SafeZip zip = PackOutput.open(invocation, argument)) {
            PackReport report = PackVerifier.verify(zip, argument, PackVerifier.Options.INTEGRITY_ONLY);
            if (!report.legacyType().isEmpty()) {
                throw GaitException.invalidInput("--predecessor must be a PackSpec pack, not a " + report.legacyType());
            }
            if (!report.integrityOk()) {
                throw GaitException.invalidInput("--predecessor " + argument + " failed its integrity check: " + report.failure());
            }
            return Optional.of(new Predecessor(report.packId(), report.packType(), report.sourceRef()));
        }
    }

    private static Map<String, byte[]> inputs(Invocation invocation, String csv) {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        for (String argument : Arrays.stream(csv.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList()) {
            Path path = invocation.resolve(argument);
            String name = path.getFileName().toString();
            if (inputs.put(name, InputFiles.read(path, MAX_INPUT_BYTES)) != null) {
                throw GaitException.invalidInput("two inputs are named " + name + "; inputs are kept by file name");
            }
        }
        return inputs;
    }

    /** Gait v1 refuses relative output paths that climb out of the working directory. */
    private static Path output(Invocation invocation, String out) {
        Path given = Path.of(out);
        if (!given.isAbsolute()) {
            for (Path segment : given) {
                if (segment.toString().equals("..")) {
                    throw GaitException.invalidInput("pack output path: relative paths must not traverse parent directories");
                }
            }
        }
        return invocation.resolve(out);
    }
}
