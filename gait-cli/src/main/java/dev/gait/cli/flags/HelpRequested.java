package dev.gait.cli.flags;

/** {@code -h}, {@code --help} or {@code -help} was given: print usage and exit 0. */
public final class HelpRequested extends RuntimeException {
    public HelpRequested() {
        super("help requested", null, false, false);
    }
}
