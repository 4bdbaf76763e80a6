package dev.gait.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Process entry point of the {@code gait} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        // The launcher passes the name it was invoked by, which Gait hashes into correlation_id.
        String argv0 = System.getProperty("gait.argv0", "gait");
        Invocation invocation = new Invocation(argv0, List.of(args), System.in, out, err, System.getenv(),
                Path.of("").toAbsolutePath(), Clock.systemUTC());
        int code = Cli.run(invocation);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
