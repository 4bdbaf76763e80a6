package dev.gait.cli.guard;

import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.core.error.GaitException;
import dev.gait.core.guard.ComplianceTemplate;
import dev.gait.core.guard.ComplianceTemplates;

/** The flags {@code guard pack} and {@code incident pack} share: template, case, output, signing. */
record PackFlags(Flag<String> template, Flag<String> caseId, Flag<String> out, Flag<Boolean> renderPdf, SigningFlags signing) {

    static PackFlags declare(FlagSet flags, String defaultTemplate) {
        return new PackFlags(
                flags.string("template", defaultTemplate, "compliance template: " + String.join(", ", ComplianceTemplates.ids())),
                flags.string("case-id", "", "case identifier recorded in the manifest"),
                flags.string("out", "", "pack path (default evidence_pack_<pack_id>.zip beside the runpack)"),
                flags.bool("render-pdf", false, "not supported: the control index and coverage are the machine-readable summary"),
                SigningFlags.declare(flags, "pack"));
    }

    /** The template, once the request is known to be one this implementation serves. */
    ComplianceTemplate checkedTemplate() {
        if (renderPdf.get()) {
            throw GaitException.invalidInput("--render-pdf is not supported: summary.pdf would be an unsigned-looking copy of"
                    + " control_index.json and control_coverage.json, which the pack already carries signed");
        }
        return ComplianceTemplates.byId(template.get());
    }
}
