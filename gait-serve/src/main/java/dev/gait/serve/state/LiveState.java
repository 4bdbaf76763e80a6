package dev.gait.serve.state;

import dev.gait.core.digest.Digests;
import dev.gait.core.gate.BrokerStage;
import dev.gait.core.gate.KillSwitch;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.sign.GoKeyText;
import dev.gait.core.sign.KeySource;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.sign.Signer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sidecar's decision state, loaded once and swapped whole when one of its files changes. Every
 * request first stats the files (a few microseconds); when one changed, that request reloads it
 * before deciding, so an edit is in force for the very next request. A file that fails to load
 * leaves the previous snapshot in force and is reported by {@link #errors()}.
 */
public final class LiveState implements StateSource {

    /** Told about every reload, to log it and count it. */
    public interface Listener {
        /** @param initial true for the load at start, false for a reload after a change */
        void loaded(String kind, Path path, String label, boolean initial);

        void failed(String kind, Path path, String error);

        /**
         * Logs each load and failed reload as {@code <who>: loaded|reloaded <kind> <path> <label>}; {@code reloaded}
         * hears whether each reload after the start succeeded (e.g. for metrics).
         */
        static Listener logging(PrintStream log, String who, BiConsumer<String, Boolean> reloaded) {
            return new Listener() {
                @Override
                public void loaded(String kind, Path path, String label, boolean initial) {
                    log.println(who + ": " + (initial ? "loaded " : "reloaded ") + kind + " " + path + " " + label);
                    if (!initial) {
                        reloaded.accept(kind, true);
                    }
                }

                @Override
                public void failed(String kind, Path path, String error) {
                    log.println(who + ": kept the previous " + kind + "; reload of " + path + " failed: " + error);
                    reloaded.accept(kind, false);
                }
            };
        }
    }

    private final WatchedFile<Policy> policy;
    private final WatchedFile<Signer> key;
    private final Signer fixedSigner;
    private final WatchedFile<KillSwitch> killSwitch;
    private final List<WatchedFile<?>> files = new ArrayList<>();
    private final Duration settle;
    private final Listener listener;
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile DecisionState current;

    /**
     * Loads every file; a file that does not load fails the start.
     *
     * @param keySource a key file is watched; a key from an environment variable is read once
     * @param killSwitchPath the kill-switch state file, or null when none is configured
     */
    public LiveState(Path policyPath, KeySource keySource, Path killSwitchPath, Duration settle, Listener listener) {
        this.settle = settle;
        this.listener = listener;
        this.policy = watch(new WatchedFile<>("policy", policyPath, (content, path) -> {
            Policy parsed = Policy.parse(new String(content, StandardCharsets.UTF_8), path.toString());
            return new WatchedFile.Parsed<>(parsed, "policy_digest=" + parsed.digest());
        }));
        if (keySource instanceof KeySource.FileSource(Path keyPath)) {
            this.key = watch(new WatchedFile<>("signing_key", keyPath, (content, path) -> {
                Signer signer = new LocalSigner(GoKeyText.decodePrivate(
                        new KeySource.TextSource(path.toString(), new String(content, StandardCharsets.UTF_8))));
                return new WatchedFile.Parsed<>(signer, "key_id=" + signer.keyId());
            }));
            this.fixedSigner = null;
        } else {
            this.key = null;
            this.fixedSigner = new LocalSigner(GoKeyText.decodePrivate(keySource));
        }
        this.killSwitch = killSwitchPath == null ? null : watch(new WatchedFile<>("kill_switch_state", killSwitchPath,
                (content, path) -> new WatchedFile.Parsed<>(KillSwitch.parse(content, path), "sha256=" + Digests.sha256Hex(content))));
        for (WatchedFile<?> file : files) {
            file.loadInitial(settle);
            listener.loaded(file.kind(), file.path(), file.label(), true);
        }
        current = snapshot();
    }

    private <T> WatchedFile<T> watch(WatchedFile<T> file) {
        files.add(file);
        return file;
    }

    /** The snapshot in force, after reloading any file that changed since the last look. */
    @Override
    public DecisionState current() {
        if (anyChanged()) {
            refresh();
        }
        return current;
    }

    /** One line per file whose last reload failed (its previous version is still in force). */
    @Override
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        for (WatchedFile<?> file : files) {
            if (!file.error().isEmpty()) {
                errors.add(file.kind() + " " + file.path() + ": " + file.error());
            }
        }
        return errors;
    }

    private boolean anyChanged() {
        for (WatchedFile<?> file : files) {
            if (file.changed()) {
                return true;
            }
        }
        return false;
    }

    private void refresh() {
        reloading.lock();
        try {
            boolean swapped = false;
            for (WatchedFile<?> file : files) {
                if (!file.changed()) {
                    continue; // another request reloaded it while this one waited
                }
                if (file.reload(settle)) {
                    swapped = true;
                    listener.loaded(file.kind(), file.path(), file.label(), false);
                } else {
                    listener.failed(file.kind(), file.path(), file.error());
                    swapped |= file == killSwitch; // a failed kill-switch edit must take effect: it blocks
                }
            }
            if (swapped) {
                current = snapshot();
            }
        } finally {
            reloading.unlock();
        }
    }

    private DecisionState snapshot() {
        return new DecisionState(policy.value(), key == null ? fixedSigner : key.value(), killSwitch == null ? null : killSwitch.value(),
                killSwitch == null ? "" : killSwitch.error(), null, BrokerStage.Input.NONE);
    }
}
