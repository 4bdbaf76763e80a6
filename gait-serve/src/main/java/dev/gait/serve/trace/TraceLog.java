package dev.gait.serve.trace;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.error.GaitException;
import dev.gait.core.gate.Gate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An append-only log of signed traces, one compact JSON record per line. Concurrent decisions share
 * one write (group commit): the first waiting writer writes everything queued, the others wait for
 * it. With no sync interval each record is also synced to disk before its decision is answered, as
 * with one file per decision; with an interval, records reach the operating system before the
 * answer (a crash of the sidecar loses none) and a background sync follows within the interval (a
 * crash of the machine can lose that much). A write or sync that fails breaks the log for good, so
 * no later decision is answered without its record.
 */
public final class TraceLog implements TraceSink {
    private final Path path;
    private final FileChannel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition synced = lock.newCondition();
    private final boolean syncEachBatch;
    private final Thread syncer;
    private List<byte[]> queued = new ArrayList<>();
    private long enqueued;
    private long durable;
    private boolean syncing;
    private String broken = "";
    private boolean unsynced;
    private volatile boolean closing;

    /** @param syncInterval zero to sync every record before its answer, else the longest a written record stays unsynced */
    public TraceLog(Path path, Duration syncInterval) {
        this.path = path;
        this.syncEachBatch = syncInterval.isZero();
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (!Files.exists(path)) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw GaitException.io("cannot open trace log " + path + ": " + e.getMessage(), e);
        }
        this.syncer = syncEachBatch ? null : Thread.ofPlatform().daemon().name("gait-serve-trace-sync").start(() -> syncEvery(syncInterval));
    }

    @Override
    public String record(Gate.Outcome outcome) {
        // the newline is added when the batch is written: one copy of the record less
        byte[] line = JsonWriter.GO_STRUCT.write(outcome.trace()).getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            queued.add(line);
            long mine = ++enqueued;
            while (durable < mine && broken.isEmpty()) {
                if (syncing) {
                    synced.awaitUninterruptibly();
                } else {
                    syncQueued();
                }
            }
            if (durable < mine) {
                throw GaitException.io("trace log " + path + " is unusable: " + broken, null);
            }
        } finally {
            lock.unlock();
        }
        return path.toString();
    }

    /** Called with the lock held; releases it while writing and syncing. */
    private void syncQueued() {
        List<byte[]> batch = queued;
        long upTo = enqueued;
        queued = new ArrayList<>();
        syncing = true;
        lock.unlock();
        // until the batch is written, it is not; an unchecked error must not mark it durable
        String failure = "the trace log write did not complete";
        try {
            writeAll(batch);
            if (syncEachBatch) {
                channel.force(false);
            }
            failure = "";
        } catch (IOException e) {
            failure = String.valueOf(e.getMessage());
        } finally {
            lock.lock();
            syncing = false;
            if (failure.isEmpty()) {
                durable = upTo;
                unsynced = !syncEachBatch;
            } else {
                broken = failure;
            }
            synced.signalAll();
        }
    }

    /** Parks rather than sleeps: interrupting a thread inside a channel operation would close the channel. */
    private void syncEvery(Duration interval) {
        while (!closing) {
            LockSupport.parkNanos(interval.toNanos());
            syncIfWritten();
        }
    }

    private void syncIfWritten() {
        lock.lock();
        boolean due = unsynced;
        unsynced = false;
        lock.unlock();
        if (!due) {
            return;
        }
        try {
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            lock.lock();
            try {
                broken = "sync failed: " + e.getMessage();
            } finally {
                lock.unlock();
            }
        }
    }

    private void writeAll(List<byte[]> batch) throws IOException {
        int total = 0;
        for (byte[] line : batch) {
            total += line.length + 1;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        for (byte[] line : batch) {
            buffer.put(line).put((byte) '\n');
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void close() {
        try {
            if (syncer != null) {
                closing = true;
                LockSupport.unpark(syncer);
                syncer.join();
                syncIfWritten();
            }
            channel.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw GaitException.io("cannot close trace log " + path + ": " + e.getMessage(), e);
        }
    }
}
