package dev.gait.core.guard;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.canon.GoTime;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.version.GaitVersion;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code guard retain}: walks the root (without following links), finds gate traces and evidence or
 * incident packs, and deletes those older than their time to live by file modification time. It
 * never touches PackSpec packs, runpacks, sessions or jobs. Everything is planned before anything is
 * deleted, so a root that cannot be read fully loses nothing.
 */
public final class Retention {

    private Retention() {}

    /** A classified file and what happens to it. */
    record Event(String path, Path file, String kind, Instant modifiedAt, long ageSeconds, boolean delete) {
        JsonObject toJson() {
            return JsonObject.builder()
                    .put("path", path)
                    .put("kind", kind)
                    .put("modified_at", GoTime.formatUtc(modifiedAt))
                    .put("age_seconds", ageSeconds)
                    .put("action", delete ? "deleted" : "kept")
                    .build();
        }
    }

    /** Applies the request and returns the unsigned {@code gait.guard.retention_report}. */
    public static JsonObject apply(RetentionRequest request) {
        List<Event> events = plan(request);
        if (!request.dryRun()) {
            delete(events);
        }
        return JsonObject.builder()
                .put("schema_id", RetentionReports.SCHEMA_ID)
                .put("schema_version", GuardManifest.SCHEMA_VERSION)
                .put("created_at", GoTime.formatUtc(request.now()))
                .put("producer_version", GaitVersion.current())
                .put("root_path", request.rootShown())
                .put("dry_run", request.dryRun())
                .put("trace_ttl_seconds", request.traceTtl().toSeconds())
                .put("pack_ttl_seconds", request.packTtl().toSeconds())
                .put("scanned_files", events.size())
                .put("deleted_files", events(events, true))
                .put("kept_files", events(events, false))
                .build();
    }

    /** {@code trace} for gate traces, {@code pack} for evidence and incident packs, else null. */
    static String classify(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.startsWith("trace_") && name.endsWith(".json")) {
            return "trace";
        }
        boolean pack = name.startsWith("evidence_pack_") || name.startsWith("incident_pack_");
        return pack && (name.endsWith(".zip") || name.endsWith(EncryptedArtifact.SUFFIX)) ? "pack" : null;
    }

    private static List<Event> plan(RetentionRequest request) {
        List<Event> events = new ArrayList<>();
        try {
            Files.walkFileTree(request.root(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String kind = attributes.isDirectory() ? null : classify(file.getFileName().toString());
                    if (kind != null) {
                        events.add(event(request, file, kind, attributes.lastModifiedTime().toInstant()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw e;
                }
            });
        } catch (NoSuchFileException e) {
            throw GaitException.invalidInput("retention root not found: " + request.rootShown(), e);
        } catch (IOException e) {
            throw GaitException.io("scan retention root " + request.rootShown() + ": " + e.getMessage(), e);
        }
        events.sort(Comparator.comparing(Event::path, GoStrings.BYTE_ORDER));
        return events;
    }

    private static Event event(RetentionRequest request, Path file, String kind, Instant modifiedAt) {
        String relative = request.root().relativize(file).toString().replace('\\', '/');
        String root = request.rootShown();
        String shown = relative.isEmpty() ? root : root.equals(".") ? relative : root.endsWith("/") ? root + relative : root + "/" + relative;
        Duration age = Duration.between(modifiedAt, request.now());
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        Duration ttl = kind.equals("trace") ? request.traceTtl() : request.packTtl();
        boolean expired = ttl.isPositive() && age.compareTo(ttl) > 0;
        return new Event(shown, file, kind, modifiedAt, age.toSeconds(), expired);
    }

    private static void delete(List<Event> events) {
        int deleted = 0;
        for (Event event : events) {
            if (event.delete()) {
                try {
                    Files.delete(event.file());
                    deleted++;
                } catch (IOException e) {
                    throw GaitException.io("delete retained file " + event.path() + " (after deleting " + deleted
                            + " others): " + e.getMessage(), e);
                }
            }
        }
    }

    private static JsonArray events(List<Event> events, boolean deleted) {
        return new JsonArray(events.stream().filter(e -> e.delete() == deleted).<JsonValue>map(Event::toJson).toList());
    }
}
