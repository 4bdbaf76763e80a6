package dev.gait.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.zip.DeterministicZip;
import dev.gait.core.zip.SafeZip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every change to a signed pack fails verification as a verification failure (exit 2): each byte of
 * each entry flipped (in the manifest, whose bytes are parsed rather than hashed, also a letter's
 * case), each entry removed, an entry added.
 */
class PackTamperTest {

    private static final PackVerifier.Options TRUSTING_THE_KEY =
            new PackVerifier.Options(List.of(PackFixtures.KEY.publicKey()), true, Optional.empty());
    private static Map<String, byte[]> entries;

    @BeforeAll
    static void buildPack() {
        entries = PackFixtures.demoPack(PackFixtures.SIGNER).entries();
        assertThat(verify(entries)).isEqualTo("ok");
    }

    @Test
    void flipping_any_bit_of_any_entry_fails_verification() {
        List<String> accepted = new ArrayList<>();
        int cases = 0;
        for (String name : entries.keySet()) {
            byte[] original = entries.get(name);
            for (int i = 0; i < original.length; i++) {
                for (int mask : name.equals(PackFiles.MANIFEST) ? new int[] {0x01, 0x20} : new int[] {0x01}) {
                    Map<String, byte[]> tampered = new TreeMap<>(entries);
                    byte[] changed = original.clone();
                    changed[i] ^= (byte) mask;
                    tampered.put(name, changed);
                    String outcome = verify(tampered);
                    cases++;
                    if (!outcome.equals("failed")) {
                        accepted.add(name + "[" + i + "]^" + mask + ": " + outcome);
                    }
                }
            }
        }
        assertThat(cases).isGreaterThan(9_000);
        assertThat(accepted).isEmpty();
    }

    @Test
    void removing_any_entry_or_adding_one_fails_verification() {
        for (String name : entries.keySet()) {
            Map<String, byte[]> without = new TreeMap<>(entries);
            without.remove(name);
            if (name.equals(PackFiles.MANIFEST)) {
                // without its manifest an archive is no pack at all: invalid input, as in Gait v1
                assertThatThrownBy(() -> verify(without)).isInstanceOf(GaitException.class).hasMessageContaining("missing pack_manifest.json");
            } else {
                assertThat(verify(without)).as("without " + name).isEqualTo("failed");
            }
        }
        Map<String, byte[]> extra = new TreeMap<>(entries);
        extra.put("notes.txt", new byte[] {'x'});
        assertThat(verify(extra)).isEqualTo("failed");
    }

    /** "ok", or "failed" for a report that fails or a verification failure; anything else propagates. */
    private static String verify(Map<String, byte[]> pack) {
        try (SafeZip zip = SafeZip.open(DeterministicZip.write(pack), "pack.zip")) {
            return PackVerifier.verify(zip, "pack.zip", TRUSTING_THE_KEY).ok() ? "ok" : "failed";
        } catch (GaitException e) {
            if (e.category() == ErrorCategory.VERIFICATION_FAILED) {
                return "failed";
            }
            throw e;
        }
    }
}
