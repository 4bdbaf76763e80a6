package dev.gait.core.guard;

import dev.gait.core.error.GaitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What an incident pack collects, as Gait v1 selects it: only from the runpack's own directory (no
 * recursion), the traces, regress results, approval audits and credential evidence whose created_at
 * lies within the window, the last two only for the collected traces (when any were collected).
 * Unlike v1, which skips them silently, files that cannot be read as what their name says are listed.
 */
public final class IncidentSelection {

    private IncidentSelection() {}

    /** A file the selection passed over, and why. */
    public record Skipped(String name, String reason) {}

    /** The selected documents by kind, the traces' policy digests (sorted, distinct), and what was skipped. */
    public record Selected(Map<InputKind, List<InputDocument>> inputs, List<String> policyDigests, List<Skipped> skipped) {}

    public static Selected select(Path directory, IncidentWindow window) {
        List<Skipped> skipped = new ArrayList<>();
        Map<InputKind, List<InputDocument>> inputs = new EnumMap<>(InputKind.class);
        List<InputDocument> traces = inWindow(directory, "trace_", InputKind.TRACE, window, skipped);
        Set<String> traceIds = new TreeSet<>();
        Set<String> policyDigests = new TreeSet<>();
        traces.forEach(trace -> {
            traceIds.add(trace.traceId());
            trace.json().string("policy_digest").filter(d -> !d.isBlank()).ifPresent(policyDigests::add);
        });
        inputs.put(InputKind.TRACE, traces);
        inputs.put(InputKind.REGRESS, inWindow(directory, "regress", InputKind.REGRESS, window, skipped));
        for (InputKind kind : List.of(InputKind.APPROVAL_AUDIT, InputKind.CREDENTIAL_EVIDENCE)) {
            inputs.put(kind, inWindow(directory, kind.wire() + "_", kind, window, skipped).stream()
                    .filter(document -> traceIds.isEmpty() || traceIds.contains(document.traceId()))
                    .toList());
        }
        return new Selected(inputs, List.copyOf(policyDigests), skipped);
    }

    /** {@code <prefix>*.json} files beside each other, sorted by name, as Go's {@code filepath.Glob} lists them. */
    public static List<Path> matching(Path directory, String prefix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".json") && Files.isRegularFile(file);
            }).sorted().toList();
        } catch (IOException e) {
            throw GaitException.io("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static List<InputDocument> inWindow(Path directory, String prefix, InputKind kind, IncidentWindow window,
                                                List<Skipped> skipped) {
        List<InputDocument> selected = new ArrayList<>();
        for (Path file : matching(directory, prefix)) {
            String name = file.getFileName().toString();
            Optional<InputDocument> document = readable(kind, file, name, skipped);
            document.ifPresent(d -> {
                if (d.createdAt().isEmpty()) {
                    skipped.add(new Skipped(name, "no valid created_at"));
                } else if (window.contains(d.createdAt().get())) {
                    selected.add(d);
                }
            });
        }
        return selected;
    }

    private static Optional<InputDocument> readable(InputKind kind, Path file, String name, List<Skipped> skipped) {
        try {
            return Optional.of(InputDocument.load(kind, file));
        } catch (GaitException e) {
            skipped.add(new Skipped(name, e.getMessage()));
            return Optional.empty();
        }
    }
}
