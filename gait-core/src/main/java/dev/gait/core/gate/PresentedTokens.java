package dev.gait.core.gate;

import dev.gait.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Approval or delegation tokens as a caller presented them, with the keys that verify them. A
 * token that did not parse is given as null and counts as invalid.
 */
public record PresentedTokens(List<JsonObject> tokens, List<byte[]> verifyKeys) {
    public PresentedTokens {
        tokens = Collections.unmodifiableList(new ArrayList<>(tokens));
        verifyKeys = List.copyOf(verifyKeys);
    }
}
