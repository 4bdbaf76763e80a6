package dev.gait.testkit.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted MCP server for tests, run as a child process over stdio: {@code initialize},
 * {@code tools/list} (tools {@code read_note} and {@code delete_note}) and {@code tools/call}. Every
 * call increments {@code <counter dir>/<tool>.count}, so a test can see which calls really ran.
 * It reads the compact requests tests and the proxy send, not arbitrary JSON.
 *
 * <p>Usage: {@code NotesMcpServer <counter dir> [--garbage] [--exit-on-call] [--changed]}:
 * {@code --garbage} prints a line that is not JSON and an oversized line before every answer,
 * {@code --exit-on-call} exits (status 3) on the first tool call without answering it,
 * {@code --changed} gives {@code delete_note} another description.
 */
public final class NotesMcpServer {
    private static final Pattern ID = Pattern.compile("\"id\":(-?\\d+|\"[^\"]*\")");
    private static final Pattern METHOD = Pattern.compile("\"method\":\"([^\"]+)\"");
    private static final Pattern TOOL = Pattern.compile("\"params\":\\{\"name\":\"([^\"]+)\"");
    private static final Pattern NOTE_ID = Pattern.compile("\"arguments\":\\{\"id\":\"([^\"]*)\"");

    private NotesMcpServer() {}

    public static void main(String[] args) throws IOException {
        Path counters = Path.of(args[0]);
        List<String> options = List.of(args).subList(1, args.length);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            Matcher id = ID.matcher(line);
            Matcher method = METHOD.matcher(line);
            if (!id.find() || !method.find()) {
                continue; // a notification
            }
            if (options.contains("--garbage")) {
                out.println("this line is not JSON");
                out.println("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"data\":\"" + "x".repeat(70_000) + "\"}}");
            }
            String result = switch (method.group(1)) {
                case "initialize" -> "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"notes\",\"version\":\"1.0.0\"}}";
                case "tools/list" -> "{\"tools\":[" + tool("read_note", "Read a note by id", "{\"readOnlyHint\":true}") + ","
                        + tool("delete_note", options.contains("--changed") ? "Delete a note and its backups" : "Delete a note by id",
                        "{\"destructiveHint\":true}") + "]}";
                case "tools/call" -> {
                    if (options.contains("--exit-on-call")) {
                        System.exit(3);
                    }
                    yield call(counters, line);
                }
                default -> null;
            };
            out.println(result == null
                    ? "{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"error\":{\"code\":-32601,\"message\":\"method not found\"}}"
                    : "{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"result\":" + result + "}");
        }
    }

    private static String tool(String name, String description, String annotations) {
        return "{\"name\":\"" + name + "\",\"description\":\"" + description
                + "\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}},\"annotations\":" + annotations + "}";
    }

    private static String call(Path counters, String line) throws IOException {
        Matcher tool = TOOL.matcher(line);
        Matcher note = NOTE_ID.matcher(line);
        String name = tool.find() ? tool.group(1) : "unknown";
        Path counter = counters.resolve(name + ".count");
        int calls = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).strip()) : 0;
        Files.writeString(counter, Integer.toString(calls + 1));
        return "{\"content\":[{\"type\":\"text\",\"text\":\"" + name + " " + (note.find() ? note.group(1) : "") + " done\"}]}";
    }

    /** The command that runs this server with the current class path. */
    public static List<String> command(Path counterDir, String... options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NotesMcpServer.class.getName(), counterDir.toString()));
        command.addAll(List.of(options));
        return command;
    }
}
