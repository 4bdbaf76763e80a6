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
 * and only Gait v1's shell tools {@code shell.exec}, {@code exec}, {@code command.run} →
 * {@code process}). A tool with neither is not replayed for real. {@code process} and user
 * {@code command:<program>} executors are built in; executors that need the network or a confining
 * directory ({@code http_get}, {@code file_read}) are supplied by the caller, because the core
 * library never opens network connections.
 */
public final class ToolExecutors {
    private static final java.util.Set<String> SHELL_TOOLS = java.util.Set.of("shell.exec", "exec", "command.run");

    private final Map<String, ToolExecutor> chosen;
    private final Map<String, ToolExecutor> available;

    private ToolExecutors(Map<String, ToolExecutor> chosen, Map<String, ToolExecutor> available) {
        this.chosen = Map.copyOf(chosen);
        this.available = Map.copyOf(available);
    }

    /**
     * @param specs {@code tool=executor} entries naming an available executor or {@code command:<program>}
     * @param supplied executors beyond the built-in ones, by name
     */
    public static ToolExecutors of(List<String> specs, List<ToolExecutor> supplied) {
        Map<String, ToolExecutor> available = new LinkedHashMap<>();
        ToolExecutor process = new ProcessExecutor();
        available.put(process.name(), process);
        supplied.forEach(executor -> available.put(executor.name(), executor));
        Map<String, ToolExecutor> chosen = new LinkedHashMap<>();
        for (String spec : specs) {
            int equals = spec.indexOf('=');
            String tool = equals < 0 ? "" : spec.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (tool.isEmpty()) {
                throw GaitException.invalidInput("executor choice must read <tool>=<executor>, got " + spec);
            }
            chosen.put(tool, executor(spec.substring(equals + 1).strip(), available));
        }
        return new ToolExecutors(chosen, available);
    }

    private static ToolExecutor executor(String name, Map<String, ToolExecutor> available) {
        if (name.startsWith("command:")) {
            try {
                return new CommandExecutor(name.substring("command:".length()).strip());
            } catch (IllegalArgumentException e) {
                throw GaitException.invalidInput(e.getMessage(), e);
            }
        }
        ToolExecutor executor = available.get(name);
        if (executor == null) {
            throw GaitException.invalidInput("unknown executor " + name + " (" + String.join(", ", available.keySet()) + ", command:<program>)");
        }
        return executor;
    }

    public Optional<ToolExecutor> forTool(String toolName) {
        String tool = toolName.toLowerCase(Locale.ROOT);
        ToolExecutor explicit = chosen.get(tool);
        if (explicit != null) {
            return Optional.of(explicit);
        }
        String byName = containsAny(tool, "http", "fetch", "url") ? "http_get"
                : tool.contains("read") ? "file_read"
                : SHELL_TOOLS.contains(tool) ? "process" : "";
        return Optional.ofNullable(available.get(byName));
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
