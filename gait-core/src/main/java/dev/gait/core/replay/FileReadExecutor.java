package dev.gait.core.replay;

import dev.gait.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replays a call with {@code args.path} as a read of that regular file (at most 1 MiB). */
public final class FileReadExecutor implements ToolExecutor {
    static final int MAX_FILE_BYTES = 1024 * 1024;

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
        Path file = Path.of(path);
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
