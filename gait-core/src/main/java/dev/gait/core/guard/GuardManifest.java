package dev.gait.core.guard;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.SignatureRecord;
import dev.gait.core.json.JsonArray;
import java.util.List;

/**
 * {@code pack_manifest.json} ({@code gait.guard.pack_manifest} 1.0.0): the identity rules and the
 * signed form. The manifest carries exactly v1's members, so Go's lenient guard reader decodes it
 * into its struct and re-encodes the same bytes, and a signature made here verifies there.
 */
public final class GuardManifest {
    public static final String SCHEMA_ID = "gait.guard.pack_manifest";
    public static final String SCHEMA_VERSION = "1.0.0";

    private GuardManifest() {}

    /** {@code pack_} + the first 16 hex of digestJCS({run_id, contents}); it covers neither case, template nor window. */
    public static String packId(String runId, JsonArray contents) {
        return "pack_" + Digests.jcsHex(JsonObject.builder().put("run_id", runId).put("contents", contents).build()).substring(0, 16);
    }

    /** The digest a signature covers: the canonical manifest without its {@code signatures}. */
    public static String signedDigest(JsonObject manifest) {
        return Digests.jcsHex(manifest.without("signatures"));
    }

    static JsonObject withSignature(JsonObject manifest, SignatureRecord signature) {
        return manifest.toBuilder().put("signatures", new JsonArray(List.of(signature.toJson()))).build();
    }
}
