package dev.gait.core.config;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.json.JsonString;

/**
 * The {@code .gait/config.yaml} {@code gait init} writes: the policy it wrote, the gate profile with
 * its key mode (prod keys from {@code GAIT_PRIVATE_KEY} for {@code oss-prod}), and a retention
 * profile. Values are written as quoted scalars, so any path reads back unchanged.
 */
public final class ConfigTemplate {
    /** The variable the oss-prod template reads the signing key from. */
    public static final String PRIVATE_KEY_ENV = "GAIT_PRIVATE_KEY";

    private ConfigTemplate() {}

    public static String render(String policyPath, String profile, RetentionProfile retention) {
        boolean prod = profile.equals(OssProdProfile.NAME);
        StringBuilder yaml = new StringBuilder()
                .append("# Project defaults for gait: gate eval reads gate:, flags given on the command line win.\n")
                .append("# Every key: docs/doctor.md#configuration. Check it with: gait doctor")
                .append(prod ? " --production-readiness\n" : "\n")
                .append("gate:\n")
                .append("  policy: ").append(quoted(policyPath)).append('\n')
                .append("  profile: ").append(quoted(profile)).append('\n')
                .append("  key_mode: ").append(quoted(prod ? "prod" : "dev")).append('\n');
        if (prod) {
            yaml.append("  private_key_env: ").append(quoted(PRIVATE_KEY_ENV)).append('\n');
        }
        RetentionSettings ttl = retention.settings();
        return yaml.append("# retention profile: ").append(retention.wire()).append('\n')
                .append("retention:\n")
                .append("  trace_ttl: ").append(quoted(ttl.traceTtl())).append('\n')
                .append("  session_ttl: ").append(quoted(ttl.sessionTtl())).append('\n')
                .append("  export_ttl: ").append(quoted(ttl.exportTtl())).append('\n')
                .toString();
    }

    /** A JSON string is a valid YAML double-quoted scalar. */
    private static String quoted(String value) {
        return JsonWriter.GO_STRUCT.write(new JsonString(value));
    }
}
