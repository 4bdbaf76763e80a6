package dev.gait.cli.pack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.json.JsonObject;
import dev.gait.core.pack.PackInspector;
import dev.gait.core.zip.SafeZip;
import java.util.ArrayList;
import java.util.List;

/** {@code gait pack inspect <pack>}: manifest, payload, run lineage and provenance, without verifying. */
final class PackInspectCommand extends LeafCommand<Void> {

    PackInspectCommand() {
        super("inspect", "Show a pack's manifest, payload, run lineage and provenance (no integrity check; use verify).",
                "pack inspect shows what a pack holds: its manifest, payload, the run's calls and the provenance it claims, without verifying it.",
                "<pack.zip>", 1);
    }

    @Override
    protected Void declare(FlagSet flags) {
        return null;
    }

    @Override
    protected int execute(Invocation invocation, Output output, Void flags, List<String> positionals) {
        if (positionals.isEmpty()) {
            throw new UsageException("expected <pack.zip>");
        }
        String shown = PackOutput.shown(invocation, positionals.getFirst());
        JsonObject inspect;
        try (SafeZip zip = PackOutput.open(invocation, positionals.getFirst())) {
            inspect = PackInspector.inspect(zip, shown);
        }
        String packId = inspect.string("pack_id").orElse("");
        String packType = inspect.string("pack_type").orElse("");
        JsonObject json = PackOutput.envelope("inspect")
                .put("path", shown)
                .put("pack_id", packId)
                .put("pack_type", packType)
                .put("source_ref", inspect.string("source_ref").orElse(""))
                .put("inspect", inspect)
                .build();
        List<String> text = new ArrayList<>(List.of("pack inspect ok: " + packId + " (" + packType + ")",
                "source_ref=" + inspect.string("source_ref").orElse("")));
        inspect.string("legacy_type").ifPresent(legacy -> text.add("legacy_type=" + legacy));
        inspect.object("provenance").ifPresent(p -> text.add("inputs=" + p.array("inputs").map(a -> a.size()).orElse(0)));
        return output.success(json, text);
    }
}
