package dev.gait.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.canon.GoDuration;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RunpackVerifier;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.zip.SafeZip;
import dev.gait.testkit.GaitSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionJournalTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final SessionLock.Profile PROFILE = new SessionLock.Profile(Duration.ofSeconds(20), Duration.ofMillis(5),
            Duration.ofMinutes(5), true);

    @TempDir
    Path dir;

    private static SessionJournal.EventInput event(String tool, String verdict) {
        return new SessionJournal.EventInput(tool, verdict, "", "", "", "", "", List.of("b", "a", "a"), List.of());
    }

    @Test
    void concurrent_appends_get_unique_contiguous_sequences() throws Exception {
        Path journal = dir.resolve("s.jsonl");
        SessionJournal.start(journal, "s1", "run_s1", CLOCK, PROFILE);
        int writers = 8;
        int each = 10;
        List<Long> sequences = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        JsonObject appended = SessionJournal.append(journal, event("tool", "allow"), CLOCK, PROFILE);
                        sequences.add(SessionJournal.number(appended, "sequence"));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        SessionJournal.State state = SessionJournal.read(journal);
        assertThat(state.events()).hasSize(writers * each);
        assertThat(sequences).doesNotHaveDuplicates().hasSize(writers * each);
        assertThat(state.lastSequence()).isEqualTo(writers * each);
    }

    @Test
    void events_validate_against_the_journal_schema_and_lists_are_sorted() throws Exception {
        Path journal = dir.resolve("s.jsonl");
        SessionJournal.start(journal, "s1", "run_s1", CLOCK, PROFILE);
        JsonObject appended = SessionJournal.append(journal, event("fs.write", "block"), CLOCK, PROFILE);
        assertThat(appended.array("reason_codes").orElseThrow().elements()).hasSize(2);
        SessionJournal.State state = SessionJournal.read(journal);
        JsonObject header = state.header().toBuilder().put("events", new dev.gait.core.json.JsonArray(List.copyOf(state.events()))).build();
        GaitSchemas.assertValid("runpack/session_journal", dev.gait.core.canon.Jcs.canonicalString(header));
    }

    @Test
    void checkpoints_chain_by_digest_and_their_runpacks_verify() {
        Path journal = dir.resolve("s.jsonl");
        Ed25519KeyPair key = Ed25519KeyPair.generate(new SecureRandom());
        SessionJournal.start(journal, "s1", "run_s1", CLOCK, PROFILE);
        SessionJournal.append(journal, event("a", "allow"), CLOCK, PROFILE);
        SessionJournal.append(journal, event("b", "require_approval"), CLOCK, PROFILE);
        SessionCheckpointer.Checkpoint first = SessionCheckpointer.checkpoint(journal, dir.resolve("cp1.zip"), "cp1.zip",
                new LocalSigner(key), CLOCK, PROFILE);
        SessionJournal.append(journal, event("c", "dry_run"), CLOCK, PROFILE);
        SessionCheckpointer.Checkpoint second = SessionCheckpointer.checkpoint(journal, dir.resolve("cp2.zip"), "cp2.zip",
                new LocalSigner(key), CLOCK, PROFILE);

        assertThat(first.runpack().runId()).isEqualTo("run_s1_cp_0001");
        assertThat(second.record().string("prev_checkpoint_digest")).isEqualTo(first.record().string("checkpoint_digest"));
        assertThat(SessionChain.linkageProblems(first.record(), second.record())).isEmpty();
        assertThat(SessionChain.linkageProblems(null, second.record())).isNotEmpty();
        GaitSchemas.assertValid("runpack/session_checkpoint", dev.gait.core.canon.Jcs.canonicalString(second.record()));
        GaitSchemas.assertValid("runpack/session_chain", new String(SessionChain.render(second.state()), StandardCharsets.UTF_8));

        try (SafeZip zip = SafeZip.open(dir.resolve("cp1.zip"))) {
            VerifyReport report = RunpackVerifier.verify(zip, "cp1.zip", List.of(key.publicKey()), true);
            assertThat(report.ok()).isTrue();
            assertThat(report.manifestDigest()).isEqualTo(first.record().string("manifest_digest").orElseThrow());
        }
        assertThatThrownBy(() -> SessionCheckpointer.checkpoint(journal, dir.resolve("cp3.zip"), "cp3.zip", new LocalSigner(key), CLOCK, PROFILE))
                .hasMessageContaining("no session events since the last checkpoint");
    }

    @Test
    void compaction_keeps_checkpoints_and_pending_events_and_the_journal_stays_readable() throws Exception {
        Path journal = dir.resolve("s.jsonl");
        SessionJournal.start(journal, "s1", "run_s1", CLOCK, PROFILE);
        for (int i = 0; i < 5; i++) {
            SessionJournal.append(journal, event("t" + i, "allow"), CLOCK, PROFILE);
        }
        SessionCheckpointer.checkpoint(journal, dir.resolve("cp1.zip"), "cp1.zip",
                new LocalSigner(Ed25519KeyPair.generate(new SecureRandom())), CLOCK, PROFILE);
        SessionJournal.append(journal, event("later", "allow"), CLOCK, PROFILE);

        SessionJournal.Compaction dry = SessionJournal.compact(journal, journal, true, CLOCK, PROFILE);
        assertThat(dry.eventsAfter()).isEqualTo(1);
        assertThat(SessionJournal.read(journal).events()).hasSize(6);
        SessionJournal.Compaction done = SessionJournal.compact(journal, journal, false, CLOCK, PROFILE);
        assertThat(done.bytesAfter()).isLessThan(done.bytesBefore());
        SessionJournal.State compacted = SessionJournal.read(journal);
        assertThat(compacted.events()).hasSize(1);
        assertThat(compacted.checkpoints()).hasSize(1);
        assertThat(SessionJournal.append(journal, event("next", "allow"), CLOCK, PROFILE).get("sequence").orElseThrow().toString())
                .contains("7");
    }

    @Test
    void the_reader_refuses_broken_journals() throws Exception {
        Path journal = dir.resolve("s.jsonl");
        SessionJournal.start(journal, "s1", "run_s1", CLOCK, PROFILE);
        SessionJournal.append(journal, event("a", "allow"), CLOCK, PROFILE);
        String text = Files.readString(journal);
        Files.writeString(journal, text.replace("\"sequence\":1", "\"sequence\":2"));
        assertThatThrownBy(() -> SessionJournal.read(journal)).hasMessageContaining("event sequence 2, expected 1");
        Files.writeString(journal, text.replace("\"session_id\":\"s1\",\"run_id\":\"run_s1\",\"sequence\"", "\"session_id\":\"s2\",\"run_id\":\"run_s1\",\"sequence\""));
        assertThatThrownBy(() -> SessionJournal.read(journal)).hasMessageContaining("another session");
        Files.writeString(journal, text.lines().skip(1).findFirst().orElseThrow() + "\n");
        assertThatThrownBy(() -> SessionJournal.read(journal)).hasMessageContaining("starts with its header");
        assertThatThrownBy(() -> SessionJournal.start(dir.resolve("s.jsonl"), "other", "run_s1", CLOCK, PROFILE))
                .isInstanceOf(GaitException.class);
        assertThatThrownBy(() -> SessionJournal.append(journal, event("a", "maybe"), CLOCK, PROFILE)).hasMessageContaining("--verdict");
    }

    @Test
    void a_held_lock_times_out_as_contention_and_a_stale_lock_is_taken_over() throws Exception {
        Path journal = dir.resolve("s.jsonl");
        SessionJournal.start(journal, "s1", "run_s1", CLOCK, PROFILE);
        SessionLock.Profile quick = new SessionLock.Profile(Duration.ofMillis(200), Duration.ofMillis(20), Duration.ofMinutes(5), true);
        try (SessionLock held = SessionLock.acquire(journal, quick, CLOCK)) {
            assertThatThrownBy(() -> SessionJournal.append(journal, event("a", "allow"), CLOCK, quick))
                    .isInstanceOfSatisfying(GaitException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.STATE_CONTENTION))
                    .hasMessageContaining("session state contention: lock timeout");
        }
        Path lock = dir.resolve("s.jsonl.lock");
        Files.writeString(lock, "{}");
        Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.from(CLOCK.instant().minus(Duration.ofHours(1))));
        assertThat(SessionJournal.append(journal, event("a", "allow"), CLOCK, quick)).isNotNull();
        assertThat(lock).doesNotExist();
    }

    @Test
    void lock_profiles_come_from_the_environment() {
        assertThat(SessionLock.Profile.fromEnvironment(Map.of())).isEqualTo(SessionLock.Profile.STANDARD);
        SessionLock.Profile swarm = SessionLock.Profile.fromEnvironment(Map.of("GAIT_SESSION_LOCK_PROFILE", "swarm",
                "GAIT_SESSION_LOCK_TIMEOUT", "1m30s"));
        assertThat(swarm.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(swarm.durable()).isFalse();
        assertThat(GoDuration.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> SessionLock.Profile.fromEnvironment(Map.of("GAIT_SESSION_LOCK_RETRY", "soon")))
                .hasMessageContaining("invalid duration");
    }
}
