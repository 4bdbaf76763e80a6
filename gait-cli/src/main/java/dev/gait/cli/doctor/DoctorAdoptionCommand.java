package dev.gait.cli.doctor;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.adoption.AdoptionLog;
import dev.gait.core.adoption.AdoptionReport;
import dev.gait.core.json.JsonObject;
import dev.gait.core.version.GaitVersion;
import java.util.ArrayList;
import java.util.List;

/** {@code gait doctor adoption [--from LOG]}: activation milestones and blockers from a local adoption log. */
final class DoctorAdoptionCommand extends LeafCommand<Flag<String>> {

    DoctorAdoptionCommand() {
        super("adoption", "Summarise activation milestones and blockers from a local adoption log (GAIT_ADOPTION_LOG).",
                "doctor adoption summarizes local activation milestones and blockers from GAIT_ADOPTION_LOG events.");
    }

    @Override
    protected Flag<String> declare(FlagSet flags) {
        return flags.string("from", "", "adoption log (JSON lines; default: $GAIT_ADOPTION_LOG)");
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flag<String> from, List<String> positionals) {
        String source = from.get().isBlank() ? invocation.environment().getOrDefault(AdoptionRecorder.LOG_VARIABLE, "") : from.get();
        if (source.isBlank()) {
            throw new UsageException("missing required --from <path> (or set " + AdoptionRecorder.LOG_VARIABLE + ")");
        }
        AdoptionReport report = AdoptionReport.build(AdoptionLog.read(invocation.resolve(source.strip())), source, GaitVersion.current());
        List<String> lines = new ArrayList<>(List.of("doctor adoption: source=" + source.strip() + " total_events=" + report.totalEvents()
                + " activation_complete=" + report.activationComplete()));
        if (!report.blockers().isEmpty()) {
            lines.add("blockers: " + String.join("; ", report.blockers()));
        }
        return output.success(JsonObject.builder().put("report", report.json()).build(), lines);
    }
}
