package dev.gait.cli.guard;

import dev.gait.cli.Invocation;
import dev.gait.cli.output.Output;
import dev.gait.cli.runpack.RunpackLocator;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.guard.EvidencePack;
import dev.gait.core.guard.PackFiles;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.SignatureRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a built pack atomically and reports it the same way for {@code guard pack} and {@code incident pack}. */
final class PackWriter {

    private PackWriter() {}

    /**
     * @param details command-specific members of the JSON output
     * @param detailLines the same as text lines
     */
    static int write(Invocation invocation, Output output, LoadedRun run, PackFlags flags, EvidencePack pack,
                     JsonObject.Builder details, List<String> detailLines) {
        Path target = flags.out().get().isBlank()
                ? run.directory().resolve(PackFiles.fileName(pack.packId()))
                : invocation.resolve(flags.out().get());
        AtomicFiles.write(target, pack.zipBytes());
        String shown = RunpackLocator.display(invocation, target);
        String keyId = pack.manifest().array("signatures")
                .map(signatures -> SignatureRecord.fromJson((JsonObject) signatures.get(0)).keyId()).orElse("");
        List<String> uncovered = pack.controlIndex().uncovered();
        JsonObject json = details
                .put("pack_path", shown)
                .put("manifest_path", shown + "#" + PackFiles.MANIFEST)
                .put("pack_id", pack.packId())
                .put("run_id", pack.manifest().string("run_id").orElse(""))
                .put("template_id", pack.controlIndex().template().templateId())
                .put("controls", pack.controlIndex().controls().size())
                .putStrings("uncovered_controls", uncovered)
                .put("signed", pack.signed())
                .putOmitEmpty("key_id", keyId)
                .build();
        List<String> text = new ArrayList<>(List.of("pack_path=" + shown, "pack_id=" + pack.packId(),
                "template_id=" + pack.controlIndex().template().templateId(), "uncovered_controls=" + String.join(",", uncovered),
                "signed=" + pack.signed()));
        if (!keyId.isEmpty()) {
            text.add("key_id=" + keyId);
        }
        text.addAll(detailLines);
        return output.success(json, text);
    }
}
