package dev.gait.core.replay;

import dev.gait.core.error.GaitException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which executor replays which allowed tool: the operator's choices ({@code tool=executor}) first,
 * then a default by the tool's name (http/fetch/url → {@code http_get}, read → {@code file_read},
 * exec/shell/command/process → {@code process}). A tool with neither is not replayed for real.
 */
public final class ToolExecutors {
    private final Map<String, ToolExecutor> chosen;

    private ToolExecutors(Map<String, ToolExecutor> chosen) {
        this.chosen = Map.copyOf(chosen);
    }

    /**
     * @param specs {@code tool=executor} entries; executors are {@code http_get}, {@code file_read},
     *     {@code process} and {@code command:<program>} (a user executor)
     */
    public static ToolExecutors of(List<String> specs) {
        Map<String, ToolExecutor> chosen = new LinkedHashMap<>();
        for (String spec : specs) {
            int equals = spec.indexOf('=');
            String tool = equals < 0 ? "" : spec.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (tool.isEmpty()) {
                throw GaitException.invalidInput("executor choice must read <tool>=<executor>, got " + spec);
            }
            chosen.put(tool, executor(spec.substring(equals + 1).strip()));
        }
        return new ToolExecutors(chosen);
    }

    private static ToolExecutor executor(String name) {
        if (name.startsWith("command:")) {
            try {
                return new CommandExecutor(name.substring("command:".length()).strip());
            } catch (IllegalArgumentException e) {
                throw GaitException.invalidInput(e.getMessage(), e);
            }
        }
        return switch (name) {
            case "http_get" -> new HttpGetExecutor();
            case "file_read" -> new FileReadExecutor();
            case "process" -> new ProcessExecutor();
            default -> throw GaitException.invalidInput("unknown executor " + name + " (http_get, file_read, process, command:<program>)");
        };
    }

    public Optional<ToolExecutor> forTool(String toolName) {
        String tool = toolName.toLowerCase(Locale.ROOT);
        ToolExecutor explicit = chosen.get(tool);
        if (explicit != null) {
            return Optional.of(explicit);
        }
        if (containsAny(tool, "http", "fetch", "url")) {
            return Optional.of(new HttpGetExecutor());
        }
        if (tool.contains("read")) {
            return Optional.of(new FileReadExecutor());
        }
        if (containsAny(tool, "exec", "shell", "command", "process")) {
            return Optional.of(new ProcessExecutor());
        }
        return Optional.empty();
    }

    private static boolean containsAny(String text, String... parts) {
        for (String part : parts) {
            if (text.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
