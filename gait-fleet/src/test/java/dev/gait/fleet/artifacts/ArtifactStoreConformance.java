package dev.gait.fleet.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.digest.Digests;
import dev.gait.fleet.error.FleetException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ArtifactStore} must do; each subclass supplies an empty store. */
abstract class ArtifactStoreConformance {

    static final String ORG_A = "org_aaaa";
    static final String ORG_B = "org_bbbb";

    ArtifactStore store;

    protected abstract ArtifactStore newStore() throws Exception;

    /** Replaces the stored bytes behind the store's back, as a disk fault or an intruder would. */
    protected abstract void overwrite(String orgId, String digest, byte[] content) throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void storesContentUnderItsDigest() {
        byte[] content = {0, 1, 2, (byte) 0xff, '\n'};

        String digest = store.put(ORG_A, content);

        assertThat(digest).isEqualTo(Digests.sha256Hex(content));
        assertThat(store.exists(ORG_A, digest)).isTrue();
        assertThat(store.get(ORG_A, digest)).get().isEqualTo(content);
    }

    @Test
    void storingTheSameContentTwiceIsHarmless() {
        String first = store.put(ORG_A, bytes("runpack"));
        String second = store.put(ORG_A, bytes("runpack"));

        assertThat(second).isEqualTo(first);
        assertThat(store.list(ORG_A)).containsExactly(first);
    }

    @Test
    void listsOnlyTheOrganisationsDigestsSorted() {
        String one = store.put(ORG_A, bytes("one"));
        String two = store.put(ORG_A, bytes("two"));
        store.put(ORG_B, bytes("three"));

        assertThat(store.list(ORG_A)).containsExactlyElementsOf(Stream.of(one, two).sorted().toList());
        assertThat(store.list("org_empty")).isEmpty();
    }

    @Test
    void organisationsCannotReachEachOthersArtifacts() {
        String digest = store.put(ORG_A, bytes("secret runpack"));

        assertThat(store.get(ORG_B, digest)).isEmpty();
        assertThat(store.exists(ORG_B, digest)).isFalse();
        assertThat(store.delete(ORG_B, digest)).isFalse();
        assertThat(store.get(ORG_A, digest)).isPresent();
    }

    @Test
    void deleteRemovesTheArtifact() {
        String digest = store.put(ORG_A, bytes("old trace"));

        assertThat(store.delete(ORG_A, digest)).isTrue();
        assertThat(store.get(ORG_A, digest)).isEmpty();
        assertThat(store.delete(ORG_A, digest)).isFalse();
    }

    @Test
    void unknownDigestsAreAbsent() {
        assertThat(store.get(ORG_A, "0".repeat(64))).isEmpty();
        assertThat(store.exists(ORG_A, "0".repeat(64))).isFalse();
    }

    @Test
    void keysThatCouldEscapeTheLayoutAreRefused() {
        String digest = store.put(ORG_A, bytes("x"));

        expectInvalid(() -> store.get("../" + ORG_B, digest));
        expectInvalid(() -> store.get(ORG_A, "../" + digest));
        expectInvalid(() -> store.get(ORG_A, digest.toUpperCase()));
        expectInvalid(() -> store.put("", bytes("x")));
    }

    @Test
    void alteredContentIsNeverReturned() throws Exception {
        String digest = store.put(ORG_A, bytes("signed runpack"));
        overwrite(ORG_A, digest, bytes("tampered runpack"));

        assertThatThrownBy(() -> store.get(ORG_A, digest)).isInstanceOfSatisfying(FleetException.class,
                e -> assertThat(e.reason()).isEqualTo(FleetException.Reason.CORRUPT));
    }

    private static void expectInvalid(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FleetException.class,
                e -> assertThat(e.reason()).isEqualTo(FleetException.Reason.INVALID));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
