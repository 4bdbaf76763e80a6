package dev.gait.core.guard;

import dev.gait.core.json.JsonObject;

/** An encrypted artifact's {@code key_source}: {@code env} with the variable's name, or {@code command} with the program. */
public record EncryptionKeySource(String mode, String ref, String command) {

    public static EncryptionKeySource env(String variable) {
        return new EncryptionKeySource("env", variable, "");
    }

    public static EncryptionKeySource command(String program) {
        return new EncryptionKeySource("command", "", program);
    }

    JsonObject toJson() {
        return JsonObject.builder().put("mode", mode).putOmitEmpty("ref", ref).putOmitEmpty("command", command).build();
    }
}
