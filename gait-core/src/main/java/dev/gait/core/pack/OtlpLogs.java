package dev.gait.core.pack;

import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.TreeMap;

/**
 * A pack export as OpenTelemetry logs: one OTLP/JSON {@code ExportLogsServiceRequest} per line
 * ({@code resourceLogs → scopeLogs → logRecords}), the form the OpenTelemetry Collector's OTLP JSON
 * file receiver reads. The eight signals Gait v1 writes (the verification, the export metadata and
 * six metrics) are eight log records; every one carries the record's fields as {@code gait.*}
 * attributes with typed values, the pack's trace and span ids, and the pack's creation time.
 */
public final class OtlpLogs {
    public static final String SCOPE = "gait.pack.export";

    private static final int SEVERITY_INFO = 9;
    private static final int SEVERITY_ERROR = 17;

    private OtlpLogs() {}

    /** One JSON line (without the newline). */
    public static String line(ExportRecord record, String producerVersion) {
        Map<String, Object> common = commonAttributes(record);
        String time = Long.toString(nanos(record.createdAt()));
        List<JsonValue> logs = new ArrayList<>();
        logs.add(log(record, time, "gait.pack.verify", record.integrityOk() ? SEVERITY_INFO : SEVERITY_ERROR, common));
        logs.add(log(record, time, "gait.pack.export.metadata", SEVERITY_INFO, common));
        ExportMetrics m = record.metrics();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("gait.pack.tool_calls_total", (long) m.toolCallsTotal());
        metrics.put("gait.pack.tool_calls_success_total", (long) m.toolCallsSuccess());
        metrics.put("gait.pack.tool_calls_success_rate", m.toolCallsSuccessRate());
        metrics.put("gait.pack.policy_blocked_total", (long) m.policyBlocked());
        metrics.put("gait.pack.approval_required_total", (long) m.approvalRequired());
        metrics.put("gait.pack.regress_failures_total", (long) m.regressFailures());
        metrics.forEach((name, value) -> {
            Map<String, Object> attributes = new TreeMap<>(common);
            attributes.put("gait.metric.unit", value instanceof Double ? "ratio" : "1");
            attributes.put("gait.metric.value", value);
            logs.add(log(record, time, name, SEVERITY_INFO, attributes));
        });
        JsonObject request = JsonObject.builder().put("resourceLogs", new JsonArray(List.of(JsonObject.builder()
                .put("resource", JsonObject.builder().put("attributes", attributes(Map.of(
                        "service.name", "gait", "service.version", producerVersion))).build())
                .put("scopeLogs", new JsonArray(List.of(JsonObject.builder()
                        .put("scope", JsonObject.builder().put("name", SCOPE).put("version", producerVersion).build())
                        .put("logRecords", new JsonArray(logs))
                        .build())))
                .build()))).build();
        return Jcs.canonicalString(request);
    }

    private static JsonObject log(ExportRecord record, String time, String name, int severity, Map<String, Object> attributes) {
        return JsonObject.builder()
                .put("timeUnixNano", time)
                .put("observedTimeUnixNano", time)
                .put("severityNumber", severity)
                .put("severityText", severity == SEVERITY_INFO ? "INFO" : "ERROR")
                .put("eventName", name)
                .put("body", JsonObject.builder().put("stringValue", name).build())
                .put("attributes", attributes(attributes))
                .put("traceId", record.packId().substring(0, 32))
                .put("spanId", record.packId().substring(32, 48))
                .build();
    }

    private static Map<String, Object> commonAttributes(ExportRecord record) {
        ExportMetrics m = record.metrics();
        Map<String, Object> attributes = new TreeMap<>();
        attributes.put("gait.pack_id", record.packId());
        attributes.put("gait.pack_type", record.packType());
        attributes.put("gait.source_ref", record.sourceRef());
        attributes.put("gait.manifest_digest", record.manifestDigest());
        attributes.put("gait.files_checked", (long) record.filesChecked());
        attributes.put("gait.hash_mismatches", (long) record.hashMismatches());
        attributes.put("gait.missing_files", (long) record.missingFiles());
        attributes.put("gait.undeclared_files", (long) record.undeclaredFiles());
        attributes.put("gait.signature_status", record.signatureStatus());
        attributes.put("gait.signatures_total", (long) record.signaturesTotal());
        attributes.put("gait.signatures_valid", (long) record.signaturesValid());
        attributes.put("gait.integrity_ok", record.integrityOk());
        attributes.put("gait.tool_calls_total", (long) m.toolCallsTotal());
        attributes.put("gait.tool_calls_ok", (long) m.toolCallsSuccess());
        attributes.put("gait.policy_blocked", (long) m.policyBlocked());
        attributes.put("gait.approval_required", (long) m.approvalRequired());
        attributes.put("gait.regress_failures", (long) m.regressFailures());
        return attributes;
    }

    /** OTLP key/value attributes, sorted by key, with typed AnyValues (64-bit integers as decimal strings). */
    private static JsonArray attributes(Map<String, Object> attributes) {
        return new JsonArray(new TreeMap<>(attributes).entrySet().stream().<JsonValue>map(a -> JsonObject.builder()
                .put("key", a.getKey())
                .put("value", anyValue(a.getValue()))
                .build()).toList());
    }

    private static JsonObject anyValue(Object value) {
        return switch (value) {
            case String s -> JsonObject.builder().put("stringValue", s).build();
            case Long l -> JsonObject.builder().put("intValue", Long.toString(l)).build();
            case Double d -> JsonObject.builder().put("doubleValue", d).build();
            case Boolean b -> JsonObject.builder().put("boolValue", b).build();
            default -> throw new IllegalArgumentException("unsupported attribute value " + value);
        };
    }

    private static long nanos(String createdAt) {
        Instant instant = GoTime.parse(createdAt).toInstant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
