package dev.gait.core.replay;

import dev.gait.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replays a call with {@code args.path} as a read of that regular file (at most 1 MiB), confined to
 * one directory: the path comes from the runpack, and a replay must not read keys or system files.
 */
public final class FileReadExecutor implements ToolExecutor {
    static final int MAX_FILE_BYTES = 1024 * 1024;

    private final Path root;

    /** @param root the directory reads are confined to (relative paths resolve against it) */
    public FileReadExecutor(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return "file_read";
    }

    @Override
    public Result execute(String toolName, JsonObject args) {
        String path = Payloads.text(args, "path");
        if (path.isEmpty()) {
            return Result.error("args.path is required");
        }
        Path file;
        try {
            file = root.resolve(path).toRealPath();
            if (!file.startsWith(root.toRealPath())) {
                return Result.error(path + " is outside the directory replay may read (" + root + ")");
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Result.error("cannot read " + path + ": " + e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            return Result.error("not a regular file: " + path);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(MAX_FILE_BYTES + 1);
            if (content.length > MAX_FILE_BYTES) {
                return Result.error(path + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            JsonObject.Builder payload = JsonObject.builder().put("path", path);
            Payloads.describe(payload, "content", content);
            return Result.ok(payload.build());
        } catch (IOException e) {
            return Result.error("cannot read " + path + ": " + e.getMessage());
        }
    }
}
