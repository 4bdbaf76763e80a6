package dev.gait.core.guard;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.util.List;
import java.util.TreeSet;

/**
 * A template's controls with the pack entries that support each, computed as Gait v1 does: over the
 * entries present before the index and pointer files are added.
 */
public record ControlIndex(ComplianceTemplate template, List<Control> controls) {

    static final String COVERAGE_SCHEMA_ID = "gait.guard.control_coverage";

    public ControlIndex {
        controls = List.copyOf(controls);
    }

    public record Control(String controlId, String title, List<String> evidencePaths) {
        public boolean covered() {
            return !evidencePaths.isEmpty();
        }
    }

    static ControlIndex build(ComplianceTemplate template, List<PackEntry> entries) {
        List<Control> controls = template.controls().stream().map(rule -> {
            TreeSet<String> paths = new TreeSet<>(GoStrings.BYTE_ORDER);
            entries.stream().filter(rule::supports).forEach(entry -> paths.add(entry.path()));
            return new Control(rule.controlId(), rule.title(), List.copyOf(paths));
        }).toList();
        return new ControlIndex(template, controls);
    }

    /** The controls no entry supports. */
    public List<String> uncovered() {
        return controls.stream().filter(c -> !c.covered()).map(Control::controlId).toList();
    }

    /** The manifest's {@code control_index} (and {@code control_index.json}): v1's shape exactly. */
    JsonArray toJson() {
        return new JsonArray(controls.stream().<JsonValue>map(control -> JsonObject.builder()
                .put("control_id", control.controlId())
                .put("title", control.title())
                .putStrings("evidence_paths", control.evidencePaths())
                .build()).toList());
    }

    /** {@code control_coverage.json}: each control's status and the uncovered ones by name. */
    JsonObject coverageJson() {
        return JsonObject.builder()
                .put("schema_id", COVERAGE_SCHEMA_ID)
                .put("schema_version", GuardManifest.SCHEMA_VERSION)
                .put("template_id", template.templateId())
                .put("template_origin", template.origin())
                .put("controls", new JsonArray(controls.stream().<JsonValue>map(control -> JsonObject.builder()
                        .put("control_id", control.controlId())
                        .put("title", control.title())
                        .put("status", control.covered() ? "covered" : "uncovered")
                        .build()).toList()))
                .putStrings("uncovered", uncovered())
                .build();
    }
}
