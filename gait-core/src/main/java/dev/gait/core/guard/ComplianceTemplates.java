package dev.gait.core.guard;

import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compliance templates shipped in {@code compliance_templates.json}: control ids, titles and the
 * evidence each control maps to are data, not code.
 */
public final class ComplianceTemplates {

    /** Gait v1's default for {@code guard pack}. */
    public static final String DEFAULT_ID = "soc2";
    public static final String INCIDENT_RESPONSE = "incident_response";

    private static final Map<String, ComplianceTemplate> TEMPLATES = load();

    private ComplianceTemplates() {}

    /** Every template id, in file order. */
    public static List<String> ids() {
        return List.copyOf(TEMPLATES.keySet());
    }

    /**
     * The template named by {@code id} (trimmed, case-insensitive; blank means {@link #DEFAULT_ID}).
     * Unlike Gait v1, which falls back to {@code incident_response}, an unknown id is invalid input.
     */
    public static ComplianceTemplate byId(String id) {
        String key = id.strip().toLowerCase(Locale.ROOT);
        ComplianceTemplate template = TEMPLATES.get(key.isEmpty() ? DEFAULT_ID : key);
        if (template == null) {
            throw GaitException.invalidInput("unknown template \"" + id.strip() + "\": expected one of " + String.join(", ", ids()));
        }
        return template;
    }

    private static Map<String, ComplianceTemplate> load() {
        JsonObject document;
        try (InputStream in = ComplianceTemplates.class.getResourceAsStream("compliance_templates.json")) {
            if (in == null) {
                throw new IllegalStateException("compliance_templates.json is missing from the classpath");
            }
            document = JsonReader.strict().readObject(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, ComplianceTemplate> templates = new LinkedHashMap<>();
        for (JsonValue value : document.array("templates").orElseThrow().elements()) {
            JsonObject template = (JsonObject) value;
            List<ComplianceTemplate.ControlRule> controls = new ArrayList<>();
            for (JsonValue control : template.array("controls").orElseThrow().elements()) {
                controls.add(control((JsonObject) control));
            }
            String id = template.string("template_id").orElseThrow();
            templates.put(id, new ComplianceTemplate(id, template.string("title").orElseThrow(),
                    template.string("origin").orElseThrow(), controls));
        }
        return templates;
    }

    private static ComplianceTemplate.ControlRule control(JsonObject control) {
        List<EntryType> types = strings(control.array("entry_types").orElseThrow()).stream()
                .map(wire -> {
                    EntryType type = EntryType.parse(wire);
                    if (type == null) {
                        throw new IllegalStateException("compliance_templates.json: unknown entry type " + wire);
                    }
                    return type;
                })
                .toList();
        return new ComplianceTemplate.ControlRule(control.string("control_id").orElseThrow(), control.string("title").orElseThrow(),
                types, strings(control.array("path_fragments").orElseThrow()));
    }

    private static List<String> strings(JsonArray array) {
        return array.elements().stream().map(v -> ((JsonString) v).value()).toList();
    }
}
