package dev.gait.core.replay;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** How executors record bytes they read: always a digest and a size, the text itself when it is short UTF-8. */
public final class Payloads {
    /** Text up to this size is kept in the replay runpack; larger or binary content only by digest. */
    public static final int INLINE_TEXT_BYTES = 64 * 1024;

    private Payloads() {}

    public static void describe(JsonObject.Builder payload, String prefix, byte[] bytes) {
        payload.put(prefix + "_sha256", Digests.sha256Hex(bytes)).put(prefix + "_bytes", bytes.length);
        if (bytes.length <= INLINE_TEXT_BYTES) {
            try {
                payload.put(prefix, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
            } catch (CharacterCodingException e) {
                // binary content stays out of the pack; its digest and size identify it
            }
        }
    }

    public static String text(JsonObject args, String key) {
        return args.string(key).orElse("").strip();
    }
}
