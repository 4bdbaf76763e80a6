package dev.gait.fleet.audit;

import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies an exported audit log offline: every entry's hash, the link to the entry before it and
 * consecutive sequence numbers from 1. An edited entry breaks its own hash; a deleted or reordered
 * one breaks the links. Cutting entries off the end is only detectable against a head hash
 * obtained separately ({@code expectedHead}).
 */
public final class AuditVerifier {

    /** The outcome: the problems found (empty when intact), how many entries were read and the last hash. */
    public record Result(List<String> problems, long entries, String headHash) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private AuditVerifier() {}

    public static Result verify(Reader export, Optional<String> expectedHead) throws IOException {
        List<String> problems = new ArrayList<>();
        BufferedReader lines = new BufferedReader(export);
        AuditEntry previous = null;
        long count = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            count++;
            AuditEntry entry;
            try {
                JsonObject json = JsonReader.strict().readObject(line.getBytes(StandardCharsets.UTF_8));
                entry = AuditEntry.fromJson(json, "audit line " + count);
            } catch (JsonException | GaitException e) {
                problems.add("line " + count + ": not an audit entry: " + e.getMessage());
                continue;
            }
            problems.addAll(linkProblems(previous, entry, count));
            previous = entry;
        }
        String head = previous == null ? AuditChain.GENESIS : previous.hash();
        expectedHead.filter(expected -> !expected.equals(head))
                .ifPresent(expected -> problems.add("log ends at " + head + ", expected head " + expected));
        return new Result(List.copyOf(problems), count, head);
    }

    private static List<String> linkProblems(AuditEntry previous, AuditEntry entry, long line) {
        List<String> problems = new ArrayList<>();
        String where = "line " + line + " (seq " + entry.seq() + ")";
        if (!AuditChain.hashOf(entry).equals(entry.hash())) {
            problems.add(where + ": hash does not match the entry's content");
        }
        long expectedSeq = previous == null ? 1 : previous.seq() + 1;
        if (entry.seq() != expectedSeq) {
            problems.add(where + ": expected seq " + expectedSeq);
        }
        String expectedPrev = previous == null ? AuditChain.GENESIS : previous.hash();
        if (!expectedPrev.equals(entry.prevHash())) {
            problems.add(where + ": prev_hash does not match the entry before it");
        }
        if (previous != null && !previous.orgId().equals(entry.orgId())) {
            problems.add(where + ": entry of another organisation");
        }
        return problems;
    }
}
