package dev.gait.cli.flags;

/**
 * The command line is malformed. Exits 6 with the message; text output adds the usage of the
 * command that was being parsed.
 */
public final class UsageException extends RuntimeException {
    private final String usage;

    public UsageException(String message) {
        this(message, "");
    }

    public UsageException(String message, String usage) {
        super(message);
        this.usage = usage;
    }

    public String usage() {
        return usage;
    }

    /** The same error, with the usage of the command it belongs to. */
    public UsageException withUsage(String commandUsage) {
        return usage.isEmpty() ? new UsageException(getMessage(), commandUsage) : this;
    }
}
