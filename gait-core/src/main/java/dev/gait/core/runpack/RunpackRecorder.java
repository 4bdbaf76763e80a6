package dev.gait.core.runpack;

import dev.gait.core.canon.GoPlatform;
import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.Signatures;
import dev.gait.core.sign.Signer;
import dev.gait.core.version.GaitVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link RecordInput} into the bytes of a runpack, following Gait v1's recording rules:
 * defaults filled from the run, digests computed (or checked against normalisation inputs), trace
 * receipts derived, refs normalised and sorted, raw payloads stripped in reference mode after
 * digesting, the manifest digested, and the manifest signed when a signer is given.
 */
public final class RunpackRecorder {

    /** Gait's fixed time for a receipt without {@code retrieved_at}. */
    static final OffsetDateTime EPOCH_1980 = OffsetDateTime.of(1980, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    static final String TRACE_SOURCE = "gait.trace";

    static final String WARN_RAW = "raw capture retains raw intent arguments and raw result payloads; handle runpack as sensitive evidence";
    static final String WARN_STRIPPED = "reference capture stripped raw intent arguments and raw result payloads after digesting";

    private final Clock clock;

    public RunpackRecorder(Clock clock) {
        this.clock = clock;
    }

    /** A recorded runpack: its entries (payloads and manifest) and what recording noticed. */
    public record Recorded(Runpack runpack, Map<String, byte[]> entries, List<String> warnings) {
        public String runId() {
            return runpack.manifest().header().runId();
        }

        public String manifestDigest() {
            return runpack.manifest().manifestDigest();
        }
    }

    /**
     * @param captureModeOverride overrides the input's mode when non-null
     * @param signer signs the manifest when non-null
     */
    public Recorded record(RecordInput input, CaptureMode captureModeOverride, Signer signer) {
        RecordHeader header = header(input.run());
        CaptureMode captureMode = captureModeOverride != null ? captureModeOverride : CaptureMode.parse(input.captureMode());

        List<IntentRecord> intents = new ArrayList<>();
        for (RecordInput.Intent intent : input.intents()) {
            String digest = payloadDigest("intent", intent.intentId(), "args", intent.argsDigest(), intent.args(),
                    input.intentArgs().get(intent.intentId()));
            intents.add(new IntentRecord(header, intent.intentId(), intent.toolName(), digest, intent.args()));
        }
        List<ResultRecord> results = new ArrayList<>();
        for (RecordInput.Result result : input.results()) {
            String digest = payloadDigest("result", result.intentId(), "result", result.resultDigest(), result.result(),
                    input.resultPayloads().get(result.intentId()));
            results.add(new ResultRecord(header, result.intentId(), result.status(), digest, result.result()));
        }
        RefsRecord refs = normaliseRefs(header, input.refs(), intents, results);

        List<String> warnings = new ArrayList<>();
        boolean hadPayloads = intents.stream().anyMatch(i -> i.args() != null) || results.stream().anyMatch(r -> r.result() != null);
        if (captureMode == CaptureMode.RAW) {
            warnings.add(WARN_RAW);
        } else {
            intents.replaceAll(IntentRecord::withoutArgs);
            results.replaceAll(ResultRecord::withoutResult);
            if (hadPayloads) {
                warnings.add(WARN_STRIPPED);
            }
        }

        RunRecord run = new RunRecord(header, runEnv(input.run().env()), input.run().timeline());
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(RunpackFiles.INTENTS, jsonLines(intents.stream().map(IntentRecord::toJson).toList()));
        entries.put(RunpackFiles.REFS, Jcs.canonicalize(refs.toJson()));
        entries.put(RunpackFiles.RESULTS, jsonLines(results.stream().map(ResultRecord::toJson).toList()));
        entries.put(RunpackFiles.RUN, Jcs.canonicalize(run.toJson()));

        List<Manifest.FileEntry> files = RunpackFiles.PAYLOADS.stream()
                .map(path -> new Manifest.FileEntry(path, Digests.sha256Hex(entries.get(path))))
                .toList();
        Manifest manifest = new Manifest(header, captureMode, files, "", List.of());
        manifest = manifest.withDigest(manifest.computeDigest());
        if (signer != null) {
            manifest = manifest.withSignatures(List.of(Signatures.signDigest(signer, manifest.signedDigest())));
        }
        entries.put(RunpackFiles.MANIFEST, Jcs.canonicalize(manifest.toJson()));
        return new Recorded(new Runpack(manifest, run, intents, results, refs), entries, warnings);
    }

    private RecordHeader header(RecordInput.Run run) {
        if (run.runId().isEmpty()) {
            throw GaitException.invalidInput("input run.run_id is required (or set --run-id)");
        }
        checkSchema(run.schemaId(), RunRecord.SCHEMA_ID, run.schemaVersion());
        OffsetDateTime createdAt = run.createdAt() != null ? run.createdAt()
                : OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
        String producer = run.producerVersion().isEmpty() ? GaitVersion.current() : run.producerVersion();
        return new RecordHeader(run.runId(), createdAt, producer);
    }

    private static void checkSchema(String schemaId, String expectedId, String schemaVersion) {
        if (!schemaId.isEmpty() && !schemaId.equals(expectedId)) {
            throw GaitException.invalidInput("run.schema_id must be " + expectedId + ", got " + schemaId);
        }
        if (!schemaVersion.isEmpty() && !schemaVersion.equals(RecordHeader.SCHEMA_VERSION)) {
            throw GaitException.invalidInput("run.schema_version must be " + RecordHeader.SCHEMA_VERSION + ", got " + schemaVersion);
        }
    }

    private static RunRecord.Env runEnv(RunRecord.Env env) {
        return new RunRecord.Env(
                env.os().isEmpty() ? GoPlatform.os() : env.os(),
                env.arch().isEmpty() ? GoPlatform.arch() : env.arch(),
                env.runtime().isEmpty() ? "java" : env.runtime());
    }

    /** The digest of a payload: from normalisation input, else the given digest, else computed. */
    private static String payloadDigest(String kind, String id, String payloadName, String given, JsonObject payload,
                                        JsonObject normalised) {
        if (id.isEmpty()) {
            throw GaitException.invalidInput(kind + " record without intent_id");
        }
        String digest = given.toLowerCase(Locale.ROOT);
        if (normalised != null) {
            String fromNormalisation = Digests.jcsHex(normalised);
            if (!digest.isEmpty() && !digest.equals(fromNormalisation)) {
                throw GaitException.invalidInput(payloadName + " digest mismatch for " + kind + " " + id);
            }
            return fromNormalisation;
        }
        if (!digest.isEmpty()) {
            if (!Digests.isSha256Hex(digest)) {
                throw GaitException.invalidInput(kind + " " + id + ": " + payloadName + "_digest is not a SHA-256 hex digest");
            }
            return digest;
        }
        if (payload == null) {
            throw GaitException.invalidInput(kind + " " + id + " needs " + payloadName + " or " + payloadName + "_digest");
        }
        return Digests.jcsHex(payload);
    }

    private static RefsRecord normaliseRefs(RecordHeader header, RecordInput.Refs refs, List<IntentRecord> intents,
                                            List<ResultRecord> results) {
        String mode = refs.contextEvidenceMode().strip();
        if (!mode.isEmpty() && !mode.equals("best_effort") && !mode.equals("required")) {
            throw GaitException.invalidInput("unsupported context_evidence_mode: " + mode + " (expected best_effort or required)");
        }
        String contextSetDigest = refs.contextSetDigest().toLowerCase(Locale.ROOT);
        if (!contextSetDigest.isEmpty() && !Digests.isSha256Hex(contextSetDigest)) {
            throw GaitException.invalidInput("context_set_digest must be a SHA-256 hex digest");
        }
        List<Receipt> receipts = new ArrayList<>();
        for (Receipt receipt : refs.receipts()) {
            receipts.add(normaliseReceipt(receipt, intents, results));
        }
        receipts.sort(Comparator.comparing(Receipt::refId));
        long count = refs.contextRefCount() > 0 ? refs.contextRefCount() : receipts.size();
        return new RefsRecord(header, receipts, contextSetDigest, mode, count);
    }

    private static Receipt normaliseReceipt(Receipt receipt, List<IntentRecord> intents, List<ResultRecord> results) {
        String query = receipt.queryDigest().toLowerCase(Locale.ROOT);
        String content = receipt.contentDigest().toLowerCase(Locale.ROOT);
        if (TRACE_SOURCE.equals(receipt.sourceType()) && receipt.refId().startsWith("trace_")) {
            String intentId = receipt.refId().substring("trace_".length());
            IntentRecord intent = intents.stream().filter(i -> i.intentId().equals(intentId)).findFirst()
                    .orElseThrow(() -> GaitException.invalidInput("trace receipt " + receipt.refId() + " has no intent " + intentId));
            String expectedQuery = Digests.jcsHex(JsonObject.builder()
                    .put("tool_name", intent.toolName()).put("args_digest", intent.argsDigest()).build());
            String expectedContent = results.stream().filter(r -> r.intentId().equals(intentId)).findFirst()
                    .map(ResultRecord::resultDigest).orElse("");
            query = derived(receipt.refId(), "query_digest", query, expectedQuery);
            content = derived(receipt.refId(), "content_digest", content, expectedContent);
        }
        if (!Digests.isSha256Hex(query) || !Digests.isSha256Hex(content)) {
            throw GaitException.invalidInput("receipt " + receipt.refId() + " needs SHA-256 query_digest and content_digest");
        }
        OffsetDateTime retrievedAt = receipt.retrievedAt() == null || receipt.retrievedAt().toInstant().equals(GoTime.ZERO.toInstant())
                ? EPOCH_1980 : receipt.retrievedAt().withOffsetSameInstant(ZoneOffset.UTC);
        String immutability = receipt.immutability().toLowerCase(Locale.ROOT);
        return new Receipt(receipt.refId(), receipt.sourceType(), receipt.sourceLocator(), query, content, retrievedAt,
                receipt.redactionMode(), immutability.isEmpty() ? "unknown" : immutability, receipt.freshnessSlaSeconds(),
                receipt.sensitivityLabel(), receipt.retrievalParams());
    }

    private static String derived(String refId, String field, String given, String expected) {
        if (given.isEmpty()) {
            return expected;
        }
        if (!given.equals(expected)) {
            throw GaitException.invalidInput("trace receipt " + refId + ": " + field + " does not match the recorded intent");
        }
        return given;
    }

    /** JSONL: one canonical line and a newline per record, in input order; none gives an empty file. */
    static byte[] jsonLines(List<JsonObject> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonObject record : records) {
            out.writeBytes(Jcs.canonicalize(record));
            out.write('\n');
        }
        return out.toByteArray();
    }
}
