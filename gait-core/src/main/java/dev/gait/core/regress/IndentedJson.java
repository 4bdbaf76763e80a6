package dev.gait.core.regress;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** The form of every file regress writes: Go's {@code MarshalIndent(v, "", "  ")} and a final newline. */
final class IndentedJson {

    private IndentedJson() {}

    static byte[] bytes(JsonObject json) {
        return (JsonWriter.GO_STRUCT_INDENTED.write(json) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
