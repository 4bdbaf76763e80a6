package dev.gait.cli.flags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line flags with the semantics of Go's {@code flag} package, which Gait's users and
 * scripts rely on: {@code -x} and {@code --x} are the same flag, values come as {@code --k=v} or
 * {@code --k v}, a boolean takes a value only as {@code --b=false}, and {@code --} ends the flags.
 *
 * <p>Flags may also follow positional arguments: every flag token is moved before the
 * positionals, and a non-boolean flag written without {@code =} takes the next token as its value.
 * Declaration is plain method calls, with no reflection, so parsing costs nothing at start-up.
 */
public final class FlagSet {
    private final Map<String, Flag<?>> flags = new LinkedHashMap<>();

    public Flag<String> string(String name, String defaultValue, String usage) {
        return add(new Flag<>(name, usage, defaultValue, text -> text, false));
    }

    /** A string flag that accepts only the given values (the default need not be one of them). */
    public Flag<String> choice(String name, String defaultValue, String usage, String... allowed) {
        java.util.List<String> values = java.util.List.of(allowed);
        return add(new Flag<>(name, usage, defaultValue, text -> {
            if (!values.contains(text)) {
                throw new IllegalArgumentException("expected " + String.join(", ", values));
            }
            return text;
        }, false));
    }

    public Flag<Boolean> bool(String name, boolean defaultValue, String usage) {
        return add(new Flag<>(name, usage, defaultValue, FlagSet::parseGoBool, true));
    }

    public Flag<Long> integer(String name, long defaultValue, String usage) {
        return add(new Flag<>(name, usage, defaultValue, FlagSet::parseLong, false));
    }

    private <T> Flag<T> add(Flag<T> flag) {
        if (flags.putIfAbsent(flag.name(), flag) != null) {
            throw new IllegalStateException("flag declared twice: " + flag.name());
        }
        return flag;
    }

    public List<Flag<?>> declared() {
        return List.copyOf(flags.values());
    }

    /**
     * Parses {@code args} and returns the positional arguments in order.
     *
     * @throws HelpRequested for {@code -h}, {@code -help} or {@code --help}
     * @throws UsageException for unknown flags, missing values and unparsable values
     */
    public List<String> parse(List<String> args) {
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                positionals.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                positionals.add(arg);
                continue;
            }
            i += parseOne(arg, i + 1 < args.size() ? args.get(i + 1) : null);
        }
        return positionals;
    }

    /** Parses one flag token; returns how many following tokens it consumed (0 or 1). */
    private int parseOne(String arg, String next) {
        String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
        if (body.isEmpty() || body.startsWith("-") || body.startsWith("=")) {
            throw new UsageException("bad flag syntax: " + arg);
        }
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        Flag<?> flag = flags.get(name);
        if (flag == null) {
            if (name.equals("help") || name.equals("h")) {
                throw new HelpRequested();
            }
            throw new UsageException("flag provided but not defined: -" + name);
        }
        if (eq >= 0) {
            flag.assign(body.substring(eq + 1));
            return 0;
        }
        if (flag.isBoolean()) {
            flag.assign("true");
            return 0;
        }
        if (next == null) {
            throw new UsageException("flag needs an argument: -" + name);
        }
        flag.assign(next);
        return 1;
    }

    /** Whether Go's {@code strconv.ParseBool} reads {@code text} as true. */
    public static boolean isGoTrue(String text) {
        return switch (text) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            default -> false;
        };
    }

    /** Go's {@code strconv.ParseBool}. */
    static boolean parseGoBool(String text) {
        if (isGoTrue(text)) {
            return true;
        }
        return switch (text) {
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new IllegalArgumentException("parse error");
        };
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parse error");
        }
    }

    /** Usage lines for every flag, in declaration order. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Flag<?> flag : flags.values()) {
            out.append("  --").append(flag.name());
            if (!flag.isBoolean()) {
                out.append(" value");
            }
            out.append("\n        ").append(flag.usage());
            Object defaultValue = flag.defaultValue();
            boolean showDefault = flag.isBoolean()
                    ? Boolean.TRUE.equals(defaultValue)
                    : defaultValue != null && !defaultValue.toString().isEmpty();
            if (showDefault) {
                out.append(" (default ").append(defaultValue).append(')');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
