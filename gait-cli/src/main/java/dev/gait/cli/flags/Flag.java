package dev.gait.cli.flags;

import java.util.function.Function;

/** One declared flag; its value is read after {@link FlagSet#parse}. */
public final class Flag<T> {
    private final String name;
    private final String usage;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final boolean isBoolean;
    private T value;
    private boolean set;

    Flag(String name, String usage, T defaultValue, Function<String, T> parser, boolean isBoolean) {
        this.name = name;
        this.usage = usage;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.isBoolean = isBoolean;
        this.value = defaultValue;
    }

    public String name() {
        return name;
    }

    public String usage() {
        return usage;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public T get() {
        return value;
    }

    /** Whether the flag appeared on the command line (even with its default value). */
    public boolean isSet() {
        return set;
    }

    /** Takes {@code text} as the value unless the flag was given on the command line (project defaults). */
    public void defaultTo(String text) {
        if (!set && text != null) {
            assign(text);
        }
    }

    boolean isBoolean() {
        return isBoolean;
    }

    void assign(String text) {
        try {
            value = parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid value \"" + text + "\" for flag -" + name + ": " + e.getMessage());
        }
        set = true;
    }
}
