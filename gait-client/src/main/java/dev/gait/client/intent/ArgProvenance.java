package dev.gait.client.intent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where one argument came from ({@code arg_provenance[]}): its path in the arguments and its
 * source (user, tool_output, external, system), optionally a reference and an integrity digest.
 */
public record ArgProvenance(String argPath, String source, String sourceRef, String integrityDigest) {

    public ArgProvenance {
        Objects.requireNonNull(argPath, "argPath");
        Objects.requireNonNull(source, "source");
    }

    public static ArgProvenance of(String argPath, String source) {
        return new ArgProvenance(argPath, source, null, null);
    }

    /** The provenance entry as its JSON object. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("arg_path", argPath);
        map.put("source", source);
        if (sourceRef != null) {
            map.put("source_ref", sourceRef);
        }
        if (integrityDigest != null) {
            map.put("integrity_digest", integrityDigest);
        }
        return map;
    }
}
