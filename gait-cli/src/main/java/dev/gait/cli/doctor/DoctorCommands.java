package dev.gait.cli.doctor;

import dev.gait.cli.command.Command;
import dev.gait.cli.command.LeafWithSubcommands;
import java.util.List;

/** {@code gait doctor} diagnoses the workspace; {@code gait doctor adoption} summarises the local adoption log. */
public final class DoctorCommands {

    private DoctorCommands() {}

    public static LeafWithSubcommands command() {
        DoctorCommand doctor = new DoctorCommand();
        return new LeafWithSubcommands(doctor, doctor.summary() + " ('doctor adoption' summarises the adoption log)",
                List.<Command>of(new DoctorAdoptionCommand()));
    }
}
