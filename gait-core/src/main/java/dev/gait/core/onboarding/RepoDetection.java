package dev.gait.core.onboarding;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent frameworks and tool names a repository shows, found as Gait v1's scout finds them:
 * a Python file using LangChain tools ({@code @tool}, {@code StructuredTool.from_function},
 * {@code Tool(}) or the OpenAI Agents SDK ({@code @function_tool}, {@code from agents import},
 * {@code openai.agents}, {@code tools=[}) contributes its function names (and, for OpenAI Agents,
 * {@code name=}/{@code tool_name=} literals) as tools. The walk is bounded and never follows links.
 */
public record RepoDetection(List<String> frameworks, List<String> toolNames) {
    static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", ".beads", "node_modules", "__pycache__");
    static final int MAX_FILES = 50_000;
    static final int MAX_FILE_BYTES = 1024 * 1024;
    private static final Pattern DEF = Pattern.compile("(?m)^\\s*(?:async\\s+)?def\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    private static final Pattern NAME_LITERAL = Pattern.compile("\\b(?:name|tool_name)\\s*=\\s*[\"']([^\"'\\n]+)[\"']");
    private static final List<String> LANGCHAIN = List.of("@tool", "StructuredTool.from_function", "Tool(");
    private static final List<String> OPENAI_AGENTS = List.of("@function_tool", "from agents import", "openai.agents", "tools=[");

    public RepoDetection {
        frameworks = List.copyOf(frameworks);
        toolNames = List.copyOf(toolNames);
    }

    public static RepoDetection scan(Path root) {
        Set<String> frameworks = new TreeSet<>(GoStrings.BYTE_ORDER);
        Set<String> tools = new TreeSet<>(GoStrings.BYTE_ORDER);
        int[] files = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (++files[0] > MAX_FILES) {
                        return FileVisitResult.TERMINATE;
                    }
                    if (attributes.isRegularFile() && file.getFileName().toString().endsWith(".py")) {
                        try {
                            detect(file, read(file), frameworks, tools);
                        } catch (IOException e) {
                            // an unreadable file shows nothing; the scan goes on
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable corners of a repository do not stop the scan
                }
            });
        } catch (IOException e) {
            throw GaitException.io("cannot scan " + root + ": " + e.getMessage(), e);
        }
        return new RepoDetection(List.copyOf(frameworks), List.copyOf(tools));
    }

    static void detect(Path file, String source, Set<String> frameworks, Set<String> tools) {
        List<String> defs = DEF.matcher(source).results().map(match -> match.group(1)).toList();
        if (LANGCHAIN.stream().anyMatch(source::contains)) {
            frameworks.add("langchain");
            tools.addAll(defs.isEmpty() ? List.of(stem(file)) : defs);
        }
        if (OPENAI_AGENTS.stream().anyMatch(source::contains)) {
            frameworks.add("openai_agents");
            Matcher literal = NAME_LITERAL.matcher(source);
            while (literal.find()) {
                tools.add(literal.group(1).strip());
            }
            tools.addAll(defs);
        }
    }

    /** The file's first megabyte: tool definitions sit near the top, and a larger file is not hand-written code. */
    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8);
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".py".length());
    }

    public JsonObject toJson() {
        return JsonObject.builder().putStringsOmitEmpty("frameworks", frameworks).putStringsOmitEmpty("tool_names", toolNames).build();
    }
}
