package dev.gait.core.gate.policy;

import dev.gait.core.error.GaitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The embedded policy templates (Gait v1's baseline and trust-graduation templates). */
public final class PolicyTemplates {
    public static final List<String> NAMES = List.of("baseline-lowrisk", "baseline-mediumrisk", "baseline-highrisk",
            "trust-observe", "trust-dryrun", "trust-readonly", "trust-approval-write", "trust-brokered-write", "trust-block-destructive");
    private static final Map<String, String> ALIASES = Map.of(
            "low", "baseline-lowrisk", "lowrisk", "baseline-lowrisk", "baseline_low_risk", "baseline-lowrisk",
            "medium", "baseline-mediumrisk", "mediumrisk", "baseline-mediumrisk", "baseline_medium_risk", "baseline-mediumrisk",
            "high", "baseline-highrisk", "highrisk", "baseline-highrisk", "baseline_high_risk", "baseline-highrisk");

    private PolicyTemplates() {}

    /** The canonical template name for a name or alias. */
    public static String resolve(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        String resolved = ALIASES.getOrDefault(key, key);
        if (!NAMES.contains(resolved)) {
            throw GaitException.invalidInput("unknown policy template " + name + " (templates: " + String.join(", ", NAMES) + ")");
        }
        return resolved;
    }

    /** The template's YAML, verbatim. */
    public static String text(String name) {
        String resolved = resolve(name);
        try (InputStream in = PolicyTemplates.class.getResourceAsStream("/dev/gait/core/gate/templates/" + resolved + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("template missing from the build: " + resolved);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
