package dev.gait.cli;

import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code gait digest <file|->}: the digest Gait computes for a JSON document (SHA-256 of its
 * RFC 8785 canonical form), so that anyone can recompute an artifact's digests by hand.
 */
final class DigestCommand extends LeafCommand<Flag<Boolean>> {

    DigestCommand() {
        super("digest", "Print the SHA-256 digest of a JSON document's RFC 8785 canonical form.",
                "digest prints the SHA-256 of a JSON document's RFC 8785 canonical form, the digest Gait records for artifacts.", "<file.json|->", 1);
    }

    @Override
    protected Flag<Boolean> declare(FlagSet flags) {
        return flags.bool("canonical", false, "print the canonical JSON itself instead of its digest (text mode)");
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flag<Boolean> canonical, List<String> positionals) {
        if (positionals.isEmpty()) {
            throw new UsageException("missing input: give a JSON file, or - for standard input");
        }
        String source = positionals.getFirst();
        byte[] input = source.equals("-")
                ? InputFiles.readBounded(invocation.in(), InputFiles.DEFAULT_MAX_BYTES, "standard input")
                : InputFiles.read(invocation.resolve(source), InputFiles.DEFAULT_MAX_BYTES);
        byte[] canonicalBytes = Jcs.canonicalize(JsonReader.strict().read(input));
        String digest = Digests.sha256Hex(canonicalBytes);
        if (canonical.get() && !output.json()) {
            invocation.out().print(new String(canonicalBytes, StandardCharsets.UTF_8));
            return 0;
        }
        return output.success(JsonObject.builder()
                .put("digest", digest)
                .put("canonical_bytes", canonicalBytes.length)
                .build(), List.of("digest=" + digest));
    }
}
